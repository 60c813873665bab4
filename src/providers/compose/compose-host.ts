import { COMPOSE_FLAVOURS, type ComposeFlavour, type ComposeSettings } from '../../platform/config/compose-settings.js';
import type { ComposeTool, ContainerEngine, HostFacts, TraefikFacts } from '../../platform/hosts/host-facts.js';

export { ENGINE_OF } from '../../platform/hosts/host-facts.js';
export type { ComposeTool, ContainerEngine, TraefikFacts } from '../../platform/hosts/host-facts.js';

/** What the compose provider needs to know about a host, read from the host probe's facts (composeHostFrom). */
export interface ComposeHost {
  /** Every compose tool found, preferred first, whether or not its engine answers. */
  tools: ComposeTool[];
  /** Engines that answered, with their versions (docker: the daemon's). */
  engines: Partial<Record<ContainerEngine, string>>;
  selinux: 'enforcing' | 'permissive' | 'disabled';
  /** Traefik per engine, when a container runs one. */
  traefik: Partial<Record<ContainerEngine, TraefikFacts>>;
  memoryBytes?: number;
}

/** The compose provider's view of a host's facts: its compose tools, the engines that answer, SELinux, Traefik. */
export function composeHostFrom(facts: HostFacts): ComposeHost {
  const engines: ComposeHost['engines'] = {};
  if (facts.tools.docker?.serverVersion) engines.docker = facts.tools.docker.serverVersion;
  if (facts.tools.podman?.version) engines.podman = facts.tools.podman.version;
  return {
    tools: facts.compose,
    engines,
    selinux: facts.selinux ?? 'disabled',
    traefik: facts.traefik ?? {},
    ...(facts.memory ? { memoryBytes: facts.memory.totalBytes } : {}),
  };
}


/** Why no tool could be chosen, in words, with what to do. */
export interface NoTool {
  reason: string;
  hint: string;
}

/**
 * The tool to use: the flavour settings ask for, else the first in preference order whose engine
 * answers. Settings may also replace a flavour's argv (sudo, another path).
 */
export function chooseTool(host: ComposeHost, settings: Pick<ComposeSettings, 'flavour' | 'tools'>): ComposeTool | NoTool {
  const usable = host.tools.filter((t) => host.engines[t.engine] !== undefined);
  const wanted = settings.flavour === 'auto' ? usable : usable.filter((t) => t.flavour === settings.flavour);
  const tool = [...wanted].sort((a, b) => COMPOSE_FLAVOURS.indexOf(a.flavour) - COMPOSE_FLAVOURS.indexOf(b.flavour))[0];
  if (tool) return { ...tool, argv: [...(settings.tools[tool.flavour] ?? tool.argv)] };
  const found = host.tools.map((t) => `${t.flavour} ${t.version}`).join(', ');
  if (settings.flavour !== 'auto') {
    return {
      reason: `${settings.flavour} (chosen in settings) is not usable on this host${found ? `; found: ${found}` : ''}`,
      hint: `install it, or set compose.flavour to auto in settings.yaml`,
    };
  }
  if (host.tools.length > 0) {
    const engines = [...new Set(host.tools.map((t) => t.engine))].join(' or ');
    return { reason: `found ${found}, but ${engines} does not answer`, hint: `start the engine (for Docker: systemctl start docker) and check that this user may use it` };
  }
  return { reason: 'no compose tool found (docker compose, docker-compose, podman compose or podman-compose)', hint: 'install Docker with its compose plugin, or Podman with podman-compose' };
}

export function isTool(value: ComposeTool | NoTool): value is ComposeTool {
  return 'flavour' in value;
}
