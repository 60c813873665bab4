// The managed reverse proxy for Proxmox containers: a Caddy on the node (proxmoxLxc.proxy), or on
// another host that hosts.yaml names for the node (`proxy.host`, whatever proxmoxLxc.proxy.kind says),
// one site per deployment that reaches the container at its static address. The site is a step of
// the install plan (undone with it), changed by reconfigure, removed by uninstall; the record names
// it (refs, with proxyHost when Caddy runs on another host).
import { caddySettingsSchema, type LxcProxySettings } from '../../platform/config/proxy-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { PlanStep } from '../../platform/plan/plan.js';
import { caddyLocalRoot, caddyRefs, caddySiteStep, recordedSiteRemoval, type CaddySite } from '../../platform/proxy/caddy.js';
import type { ProxyHost } from '../../platform/proxy/proxy-host.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { caddyHostItems, remoteProxyItems } from '../compose/preflight-proxy.js';
import type { PreflightItem } from '../provider.js';
import { addressOf } from './guest-probe.js';
import type { LxcInputs } from './inputs.js';

/** The proxy that serves this node's containers: Caddy when the settings ask or hosts.yaml names a proxy host; undefined otherwise. */
export function lxcProxyOf(proxy: LxcProxySettings | undefined, proxyHost: ProxyHost | undefined): LxcProxySettings | undefined {
  if (proxyHost) return { kind: 'caddy', caddy: proxy?.caddy ?? caddySettingsSchema.parse({}) };
  return proxy?.kind === 'caddy' ? proxy : undefined;
}

const wanted = (inputs: LxcInputs, proxy: LxcProxySettings | undefined): proxy is LxcProxySettings =>
  proxy?.kind === 'caddy' && inputs.publicHost !== undefined && inputs.health.kind === 'http';

/** The site for these inputs: the public host to the container's address and HTTP port; undefined when no proxy is asked for. */
export function lxcCaddySite(inputs: LxcInputs, deployment: string, proxy: LxcProxySettings | undefined): CaddySite | undefined {
  if (!wanted(inputs, proxy) || !inputs.publicHost) return undefined;
  const address = addressOf(inputs.network.ip);
  if (address === 'dhcp') throw new UserError(`"${deployment}": the reverse proxy needs the container's address, but lxc_ip is dhcp`, 'give the container a static address (lxc_ip and lxc_gateway), or set proxmoxLxc.proxy.kind to none in settings.yaml');
  return { deployment, host: inputs.publicHost, upstream: `${address}:${inputs.health.port}` };
}

/** The install step, the record's refs and the https URL, when these inputs get a site. */
export function lxcProxyInstall(inputs: LxcInputs, deployment: string, settings: LxcProxySettings | undefined, proxyHost?: ProxyHost): { step: PlanStep; refs: Record<string, string>; url: string; note: string } | undefined {
  const proxy = lxcProxyOf(settings, proxyHost);
  const site = lxcCaddySite(inputs, deployment, proxy);
  if (!site || !proxy) return undefined;
  const { caddy } = proxy;
  const where = proxyHost ? proxyHost.name : 'the node';
  const trust = caddy.tls === 'internal' ? ` Its certificate comes from Caddy's local CA: clients trust ${caddyLocalRoot(caddy)} from ${where}.` : '';
  return {
    step: caddySiteStep(caddy, site, proxyHost?.name),
    refs: caddyRefs(caddy, deployment, proxyHost?.name),
    url: `https://${site.host}/`,
    note: `Caddy on ${where} serves https://${site.host}/ and forwards to ${site.upstream}.${trust}`,
  };
}

/** Uninstall: the site the record names goes, and Caddy reloads (on the host that runs it). */
export function lxcProxyRemoval(record: DeploymentRecord): PlanStep | undefined {
  return recordedSiteRemoval(record.refs);
}

/** Preflight: caddy installed, a static address, ports 80/443, the name resolving to the proxy's host (a warning); on the node or the proxy host. */
export async function lxcProxyPreflight(runner: CommandRunner, inputs: LxcInputs, settings: LxcProxySettings | undefined, proxyHost?: ProxyHost): Promise<PreflightItem[]> {
  const proxy = lxcProxyOf(settings, proxyHost);
  if (!wanted(inputs, proxy) || !inputs.publicHost) return [];
  const items: PreflightItem[] = [];
  const otherwise = proxyHost ? `remove proxy from ${runner.host} in hosts.yaml` : 'set proxmoxLxc.proxy.kind to none in settings.yaml';
  if (addressOf(inputs.network.ip) === 'dhcp') {
    items.push({ status: 'fail', label: `the reverse proxy for ${inputs.publicHost} needs a static container address`, hint: `answer lxc_ip (and lxc_gateway), or ${otherwise}`, field: 'lxc_ip' });
  }
  if (proxyHost) return [...items, ...(await remoteProxyItems(proxyHost, inputs.publicHost, otherwise))];
  const caddy = await runner.run({ argv: ['sh', '-c', 'command -v caddy'], timeoutMs: 30_000 });
  items.push(
    caddy.exitCode === 0
      ? { status: 'ok', label: `caddy is installed on ${runner.host}` }
      : { status: 'fail', label: `caddy is not installed on ${runner.host}`, hint: 'install it from the node\'s packages (apt-get install caddy), or set proxmoxLxc.proxy.kind to none in settings.yaml' },
  );
  return [...items, ...(await caddyHostItems(runner, inputs.publicHost, otherwise))];
}
