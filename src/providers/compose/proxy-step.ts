import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { PlanStep } from '../../platform/plan/plan.js';
import { caddyRefs, caddySiteChangeStep, caddySiteConfig, caddySitePath, caddySiteStep, recordedCaddySite, recordedSiteRemoval, type CaddySite } from '../../platform/proxy/caddy.js';
import type { ProxyHost } from '../../platform/proxy/proxy-host.js';
import type { ComposeInputs } from './inputs.js';

// The managed Caddy serves a compose app with a domain either on the app's own host (compose.proxy.kind
// caddy: it reaches the app on 127.0.0.1) or on another host that hosts.yaml names for this one
// (`proxy.host`, whatever compose.proxy.kind says: it reaches the app at `proxy.upstream`).
const siteOf = (inputs: ComposeInputs, deployment: string, proxyHost: ProxyHost | undefined): CaddySite | undefined =>
  inputs.publicHost && inputs.health.kind === 'http' ? { deployment, host: inputs.publicHost, upstream: `${proxyHost?.upstream ?? '127.0.0.1'}:${inputs.health.port}` } : undefined;

const wanted = (settings: ComposeSettings, proxyHost: ProxyHost | undefined): boolean => proxyHost !== undefined || settings.proxy.kind === 'caddy';

/** The managed Caddy's site for this deployment, when the settings or hosts.yaml ask for Caddy and the app has a public host on an HTTP port. */
export function composeCaddySite(inputs: ComposeInputs, deployment: string, settings: ComposeSettings, proxyHost?: ProxyHost): { step: PlanStep; refs: Record<string, string>; url: string } | undefined {
  const site = wanted(settings, proxyHost) ? siteOf(inputs, deployment, proxyHost) : undefined;
  if (!site) return undefined;
  return { step: caddySiteStep(settings.proxy.caddy, site, proxyHost?.name), refs: caddyRefs(settings.proxy.caddy, deployment, proxyHost?.name), url: `https://${site.host}/` };
}

/** Uninstall: the site this deployment's record names, removed and Caddy reloaded (on the host that runs it). */
export function composeProxyRemoval(record: DeploymentRecord): PlanStep | undefined {
  return recordedSiteRemoval(record.refs);
}

/**
 * Reconfigure: the site follows a new domain or a new port (its upstream); undo puts the old site back.
 * Undefined when no Caddy is asked for or the site would not change. `refs`/`url` describe the
 * record afterwards (absent: the deployment no longer has a site).
 */
export function composeSiteChange(record: DeploymentRecord, before: ComposeInputs, after: ComposeInputs, settings: ComposeSettings, proxyHost?: ProxyHost): { step: PlanStep; file: { path: string; before: string; after: string }; refs?: Record<string, string>; url?: string } | undefined {
  if (!wanted(settings, proxyHost)) return undefined;
  const recorded = recordedCaddySite(record.refs);
  if (recorded && recorded.host !== proxyHost?.name) {
    // One step changes one host's Caddy: moving the site between hosts is not planned here.
    throw new UserError(
      `the site of ${record.name} is served by Caddy on ${recorded.host ?? record.host}, but hosts.yaml now names ${proxyHost?.name ?? 'no proxy host'} for ${record.host}`,
      'put hosts.yaml back as it was for this reconfigure, or uninstall and install the deployment again (its data stays) to move its site',
    );
  }
  const old = recorded ? siteOf(before, record.name, proxyHost) : undefined;
  const next = siteOf(after, record.name, proxyHost);
  if (JSON.stringify(old) === JSON.stringify(next)) return undefined;
  const caddy = settings.proxy.caddy;
  return {
    step: caddySiteChangeStep(caddy, record.name, old, next, proxyHost?.name),
    file: { path: caddySitePath(caddy, record.name), before: old ? caddySiteConfig(old) : '', after: next ? caddySiteConfig(next) : '' },
    ...(next ? { refs: caddyRefs(caddy, record.name, proxyHost?.name), url: `https://${next.host}/` } : {}),
  };
}
