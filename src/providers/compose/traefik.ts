import type { RenderedService } from '../../platform/recipe/render/rendered.js';
import type { ComposeInputs } from './inputs.js';
import type { TraefikFacts } from './compose-host.js';
import type { ProxySettings } from '../../platform/config/proxy-settings.js';

// The engines' default bridges: a compose service cannot join them by name, and Traefik reaches
// containers there only through published ports.
const DEFAULT_NETWORKS = new Set(['bridge', 'host', 'none', 'podman']);

/** The network Traefik listens on that the app should join, if it has a user-defined one. */
export function traefikNetwork(traefik: TraefikFacts): string | undefined {
  return traefik.networks.find((n) => !DEFAULT_NETWORKS.has(n));
}

/** The router's entrypoints and TLS, from settings (compose.proxy.traefik). */
export type TraefikRouter = ProxySettings['traefik'];

const DEFAULT_ROUTER: TraefikRouter = { entrypoints: ['websecure'], tls: true };

/**
 * Docker-provider labels for Traefik (v2 and v3 read the same keys; grammar:
 * https://doc.traefik.io/traefik/routing/providers/docker/): a service on the app's container port,
 * and, when the app has a public host, a router by host name on the configured entrypoints with TLS
 * and the certificate resolver from the settings.
 */
export function traefikLabels(deployment: string, service: RenderedService, inputs: ComposeInputs, router: TraefikRouter = DEFAULT_ROUTER): Record<string, string> {
  const port = service.ports.find((p) => p.host === inputs.health.port)?.container ?? service.ports[0]?.container;
  const r = `traefik.http.routers.${deployment}`;
  return {
    'traefik.enable': 'true',
    ...(port !== undefined ? { [`traefik.http.services.${deployment}.loadbalancer.server.port`]: String(port) } : {}),
    ...(inputs.publicHost
      ? {
          [`${r}.rule`]: `Host(\`${inputs.publicHost}\`)`,
          [`${r}.service`]: deployment,
          [`${r}.entrypoints`]: router.entrypoints.join(','),
          ...(router.tls ? { [`${r}.tls`]: 'true' } : {}),
          ...(router.tls && router.certResolver ? { [`${r}.tls.certresolver`]: router.certResolver } : {}),
        }
      : {}),
  };
}
