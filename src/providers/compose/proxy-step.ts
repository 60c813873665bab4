import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { PlanStep } from '../../platform/plan/plan.js';
import { caddyRemoveSiteStep, caddySiteChangeStep, caddySiteConfig, caddySitePath, caddySiteStep, recordedCaddySite, type CaddySite } from '../../platform/proxy/caddy.js';
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

/**
 * Reconfigure: the site follows a new domain or a new port (its upstream); undo puts the old site back.
 * Undefined when the settings ask for no Caddy or the site would not change. `refs`/`url` describe the
 * record afterwards (absent: the deployment no longer has a site).
 */
export function composeSiteChange(record: DeploymentRecord, before: ComposeInputs, after: ComposeInputs, settings: ComposeSettings): { step: PlanStep; file: { path: string; before: string; after: string }; refs?: Record<string, string>; url?: string } | undefined {
  if (settings.proxy.kind !== 'caddy') return undefined;
  const siteOf = (inputs: ComposeInputs): CaddySite | undefined =>
    inputs.publicHost && inputs.health.kind === 'http' ? { deployment: record.name, host: inputs.publicHost, upstream: `127.0.0.1:${inputs.health.port}` } : undefined;
  const old = recordedCaddySite(record.refs) ? siteOf(before) : undefined;
  const next = siteOf(after);
  if (JSON.stringify(old) === JSON.stringify(next)) return undefined;
  const caddy = settings.proxy.caddy;
  return {
    step: caddySiteChangeStep(caddy, record.name, old, next),
    file: { path: caddySitePath(caddy, record.name), before: old ? caddySiteConfig(old) : '', after: next ? caddySiteConfig(next) : '' },
    ...(next ? { refs: { proxy: 'caddy', proxyDir: caddy.dir, proxySite: caddySitePath(caddy, record.name) }, url: `https://${next.host}/` } : {}),
  };
}
