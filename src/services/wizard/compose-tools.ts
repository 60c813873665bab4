import type { ComposeTool, HostFacts } from '../../platform/hosts/host-facts.js';

/**
 * The compose tools a host can use now, preferred first: a Docker-based one only when the Docker
 * daemon answered (a host may have docker-compose on PATH and only Podman running).
 */
export function usableComposeTools(facts: HostFacts): ComposeTool[] {
  return facts.compose.filter((tool) => !tool.argv[0]?.startsWith('docker') || facts.tools.docker?.serverVersion !== undefined);
}
