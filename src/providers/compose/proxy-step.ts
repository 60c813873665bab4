import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { PlanStep } from '../../platform/plan/plan.js';
import { caddyRemoveSiteStep, caddySitePath, caddySiteStep } from '../../platform/proxy/caddy.js';
import type { ComposeInputs } from './inputs.js';

/** The managed Caddy's site for this deployment, when the settings ask for Caddy and the app has a public host on an HTTP port. */
export function composeCaddySite(inputs: ComposeInputs, deployment: string, settings: ComposeSettings): { step: PlanStep; refs: Record<string, string>; url: string } | undefined {
  if (settings.proxy.kind !== 'caddy' || !inputs.publicHost || inputs.health.kind !== 'http') return undefined;
  // Caddy runs on the same host and reaches the app on its published port.
  const site = { deployment, host: inputs.publicHost, upstream: `127.0.0.1:${inputs.health.port}` };
  return {
    step: caddySiteStep(settings.proxy.caddy, site),
    refs: { proxy: 'caddy', proxyDir: settings.proxy.caddy.dir, proxySite: caddySitePath(settings.proxy.caddy, deployment) },
    url: `https://${inputs.publicHost}/`,
  };
}

/** Uninstall: the site this deployment's record names, removed and Caddy reloaded. */
export function composeProxyRemoval(record: DeploymentRecord): PlanStep | undefined {
  const { proxy, proxyDir, proxySite } = record.refs as Record<string, unknown>;
  if (proxy !== 'caddy' || typeof proxyDir !== 'string' || typeof proxySite !== 'string') return undefined;
  return caddyRemoveSiteStep(proxyDir, proxySite);
}
