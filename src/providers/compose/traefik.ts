import type { RenderedService } from '../../platform/recipe/render/rendered.js';
import type { ComposeInputs } from './inputs.js';
import type { TraefikFacts } from './compose-host.js';

// The engines' default bridges: a compose service cannot join them by name, and Traefik reaches
// containers there only through published ports.
const DEFAULT_NETWORKS = new Set(['bridge', 'host', 'none', 'podman']);

/** The network Traefik listens on that the app should join, if it has a user-defined one. */
export function traefikNetwork(traefik: TraefikFacts): string | undefined {
  return traefik.networks.find((n) => !DEFAULT_NETWORKS.has(n));
}

/**
 * Docker-provider labels for Traefik (v2 and v3 read the same keys): a service on the app's container
 * port, and a router by host name when the app has a public host.
 */
export function traefikLabels(deployment: string, service: RenderedService, inputs: ComposeInputs): Record<string, string> {
  const port = service.ports.find((p) => p.host === inputs.health.port)?.container ?? service.ports[0]?.container;
  return {
    'traefik.enable': 'true',
    ...(port !== undefined ? { [`traefik.http.services.${deployment}.loadbalancer.server.port`]: String(port) } : {}),
    ...(inputs.publicHost
      ? { [`traefik.http.routers.${deployment}.rule`]: `Host(\`${inputs.publicHost}\`)`, [`traefik.http.routers.${deployment}.service`]: deployment }
      : {}),
  };
}
