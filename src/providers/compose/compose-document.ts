import type { RenderedService, RenderedVolume } from '../../platform/recipe/render/rendered.js';
import type { ComposeInputs } from './inputs.js';
import type { ComposeHost, ContainerEngine, TraefikFacts } from './compose-host.js';
import { containerHealthcheck, type ComposeHealthcheck } from './healthchecks.js';
import { selinuxOption } from './selinux.js';
import { traefikLabels, traefikNetwork, type TraefikRouter } from './traefik.js';

/** One service of a generated compose file: only the keys homelab-tui writes. */
export interface ComposeService {
  image: string;
  init: boolean;
  restart: string;
  user?: string;
  command?: string[];
  env_file?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: 'service_healthy' | 'service_started' }>;
  healthcheck?: ComposeHealthcheck;
  labels: Record<string, string>;
  networks?: string[];
}

/** A generated compose file as data; validated against the Compose specification before upload. */
export interface ComposeDocument {
  services: Record<string, ComposeService>;
  networks?: Record<string, { external: boolean }>;
}

/** What of the host shapes the file: the engine's Traefik, and whether bind mounts need an SELinux label. */
export interface DocumentContext {
  deployment: string;
  engine: ContainerEngine;
  selinux: ComposeHost['selinux'];
  /** The Traefik the engine runs (labels and its network); `traefikRouter` alone: labels for a Traefik the user says watches this engine. */
  traefik?: TraefikFacts;
  traefikRouter?: TraefikRouter;
}

/** The env file of one service, next to the compose file, mode 0600: its secrets and nothing else. */
export function envFileName(service: string): string {
  return `${service}.env`;
}

/**
 * Builds the compose file for a deployment (pure). Secrets never appear in it: each service with
 * secret variables reads them from its own env file. `$` is doubled everywhere, since compose would
 * otherwise substitute variables inside answers.
 */
export function buildComposeDocument(inputs: ComposeInputs, context: DocumentContext): ComposeDocument {
  const healthchecks = new Map(inputs.services.map((s) => [s.name, containerHealthcheck(s, inputs.health)]));
  const proxyNetwork = context.traefik ? traefikNetwork(context.traefik) : undefined;
  const services: Record<string, ComposeService> = {};
  for (const service of inputs.services) {
    const probed = service.name === inputs.health.service;
    const secret = new Set(service.secretEnv);
    const environment = Object.fromEntries(Object.entries(service.env).filter(([name]) => !secret.has(name)));
    const healthcheck = healthchecks.get(service.name);
    const labels = {
      'homelab-tui.deployment': context.deployment,
      'homelab-tui.app': inputs.app,
      ...(probed && (context.traefik || context.traefikRouter) ? traefikLabels(context.deployment, service, inputs, context.traefikRouter) : {}),
      ...(probed && proxyNetwork ? { 'traefik.docker.network': proxyNetwork } : {}),
    };
    services[service.name] = {
      image: service.image,
      // Without an init process, stop and down wait 10 s per container (LAB.md) and zombies pile up.
      init: true,
      restart: restartPolicy(context.engine),
      ...(service.user ? { user: service.user } : {}),
      ...(service.command ? { command: service.command } : {}),
      ...(secret.size > 0 ? { env_file: [envFileName(service.name)] } : {}),
      ...(Object.keys(environment).length > 0 ? { environment } : {}),
      ...portsOf(service),
      ...volumesOf(service.volumes, context.selinux),
      ...dependsOn(service, healthchecks),
      ...(healthcheck ? { healthcheck } : {}),
      labels,
      ...(probed && proxyNetwork ? { networks: ['default', proxyNetwork] } : {}),
    };
  }
  const document: ComposeDocument = { services, ...(proxyNetwork ? { networks: { [proxyNetwork]: { external: true } } } : {}) };
  return escapeDollars(document);
}

/**
 * Docker's daemon restarts `unless-stopped` containers at boot. Podman has no daemon: at boot its
 * podman-restart.service runs `podman start --all --filter restart-policy=always` (containers/podman
 * contrib/systemd/system/podman-restart.service.in, Podman 4.x), so a Podman deployment needs `always`
 * to come back after a reboot.
 */
export function restartPolicy(engine: ContainerEngine): string {
  return engine === 'podman' ? 'always' : 'unless-stopped';
}

function portsOf(service: RenderedService): Pick<ComposeService, 'ports'> {
  const ports = service.ports.filter((p) => p.host !== undefined).map((p) => `${p.host}:${p.container}/${p.protocol}`);
  return ports.length > 0 ? { ports } : {};
}

/**
 * Bind mounts: `:ro` for read-only ones; `Z` on the deployment's own folders where SELinux enforces,
 * nothing on shared ones (selinux.ts).
 */
function volumesOf(volumes: RenderedVolume[], selinux: ComposeHost['selinux']): Pick<ComposeService, 'volumes'> {
  const binds = volumes
    .filter((v): v is RenderedVolume & { hostPath: string } => v.hostPath !== undefined)
    .map((v) => {
      const options = [...(v.readOnly ? ['ro'] : []), ...selinuxOption(selinux, v.kind)];
      return `${v.hostPath}:${v.containerPath}${options.length > 0 ? `:${options.join(',')}` : ''}`;
    });
  return binds.length > 0 ? { volumes: binds } : {};
}

/** A companion with a healthcheck is waited for until healthy; one without, until started. */
function dependsOn(service: RenderedService, healthchecks: Map<string, ComposeHealthcheck | undefined>): Pick<ComposeService, 'depends_on'> {
  if (service.dependsOn.length === 0) return {};
  const entries = service.dependsOn.map((name) => {
    const check = healthchecks.get(name);
    return [name, { condition: check && !check.disable ? ('service_healthy' as const) : ('service_started' as const) }] as const;
  });
  return { depends_on: Object.fromEntries(entries) };
}

function escapeDollars<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('$', '$$$$') as T;
  if (Array.isArray(value)) return value.map(escapeDollars) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDollars(v)])) as T;
  }
  return value;
}
