import type { ComposeTool, HostFacts } from '../../platform/hosts/host-facts.js';
import { detectionOf, type HostDetection, type Support } from '../provider.js';

/**
 * The compose tools a host can use now, preferred first: a Docker-based one only when the Docker
 * daemon answered (a host may have docker-compose on PATH and only Podman running).
 */
export function usableComposeTools(facts: HostFacts): ComposeTool[] {
  return facts.compose.filter((tool) => tool.engine !== 'docker' || facts.tools.docker?.serverVersion !== undefined);
}

/** A compose tool whose engine answers, or why there is none. */
export function detectCompose(facts: HostFacts): Support {
  const [tool] = usableComposeTools(facts);
  if (tool) return { ok: true, detail: `${tool.flavour} ${tool.version}` };
  if (facts.compose.length > 0) return { ok: false, reason: 'docker is installed but its daemon did not answer (is dockerd running, and may this login use it?)' };
  return { ok: false, reason: 'no docker compose, docker-compose, podman compose or podman-compose on this host' };
}

export const composeDetection: HostDetection = detectionOf(detectCompose);
