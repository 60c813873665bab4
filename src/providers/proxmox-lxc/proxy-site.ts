// The managed reverse proxy for Proxmox containers: a Caddy on the node (proxmoxLxc.proxy), one site
// per deployment that reaches the container at its static address. The site is a step of the install
// plan (undone with it), changed by reconfigure, removed by uninstall; the record names it (refs).
import type { LxcProxySettings } from '../../platform/config/proxy-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { PlanStep } from '../../platform/plan/plan.js';
import { caddyLocalRoot, caddyRemoveSiteStep, caddySitePath, caddySiteStep, recordedCaddySite, type CaddySite } from '../../platform/proxy/caddy.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { caddyHostItems } from '../compose/preflight-proxy.js';
import type { PreflightItem } from '../provider.js';
import { addressOf } from './guest-probe.js';
import type { LxcInputs } from './inputs.js';

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
export function lxcProxyInstall(inputs: LxcInputs, deployment: string, proxy: LxcProxySettings | undefined): { step: PlanStep; refs: Record<string, string>; url: string; note: string } | undefined {
  const site = lxcCaddySite(inputs, deployment, proxy);
  if (!site || !proxy) return undefined;
  const { caddy } = proxy;
  const trust = caddy.tls === 'internal' ? ` Its certificate comes from Caddy's local CA: clients trust ${caddyLocalRoot(caddy)} from the node.` : '';
  return {
    step: caddySiteStep(caddy, site),
    refs: { proxy: 'caddy', proxyDir: caddy.dir, proxySite: caddySitePath(caddy, deployment) },
    url: `https://${site.host}/`,
    note: `Caddy on the node serves https://${site.host}/ and forwards to ${site.upstream}.${trust}`,
  };
}

/** Uninstall: the site the record names goes, and Caddy reloads. */
export function lxcProxyRemoval(record: DeploymentRecord): PlanStep | undefined {
  const site = recordedCaddySite(record.refs);
  return site ? caddyRemoveSiteStep(site.dir, site.site) : undefined;
}

/** Preflight on the node: caddy installed, a static address, ports 80/443, the name resolving to the node (a warning). */
export async function lxcProxyPreflight(runner: CommandRunner, inputs: LxcInputs, proxy: LxcProxySettings | undefined): Promise<PreflightItem[]> {
  if (!wanted(inputs, proxy) || !inputs.publicHost) return [];
  const items: PreflightItem[] = [];
  if (addressOf(inputs.network.ip) === 'dhcp') {
    items.push({ status: 'fail', label: `the reverse proxy for ${inputs.publicHost} needs a static container address`, hint: 'answer lxc_ip (and lxc_gateway), or set proxmoxLxc.proxy.kind to none in settings.yaml', field: 'lxc_ip' });
  }
  const caddy = await runner.run({ argv: ['sh', '-c', 'command -v caddy'], timeoutMs: 30_000 });
  items.push(
    caddy.exitCode === 0
      ? { status: 'ok', label: `caddy is installed on ${runner.host}` }
      : { status: 'fail', label: `caddy is not installed on ${runner.host}`, hint: 'install it from the node\'s packages (apt-get install caddy), or set proxmoxLxc.proxy.kind to none in settings.yaml' },
  );
  return [...items, ...(await caddyHostItems(runner, inputs.publicHost, 'set proxmoxLxc.proxy.kind to none in settings.yaml'))];
}
