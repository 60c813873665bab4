import type { LxcInputs } from './inputs.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { recordPath, writeRecord } from '../../platform/deployments/record-store.js';
import { UserError } from '../../platform/errors.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import { showCommand } from '../../platform/show-command.js';
import type { PreflightItem, ProviderContext } from '../provider.js';
import type { FileChange, ReconfigureChange, ReconfigureProposal } from '../reconfigure.js';
import { containerRef, ensureOnThisNode } from './container-ref.js';
import { guestProbe } from './guest-probe.js';
import { pveshRead, readNodeName } from './node-facts.js';
import { parseContainerConfig } from './parse-container.js';
import { parseNodeStatus } from './parse-node.js';
import { pct, pvePaths, type PveOption } from './pve-commands.js';
import type { LxcProxySettings } from '../../platform/config/proxy-settings.js';
import { caddyRefs, caddySiteConfig, caddySiteChangeStep, caddySitePath, recordedCaddySite, type CaddySite } from '../../platform/proxy/caddy.js';
import { deploymentRecordSchema } from '../../platform/deployments/deployment-record.js';
import { lxcCaddySite, lxcProxyOf, lxcProxyPreflight } from './proxy-site.js';

const MIB = 2 ** 20;

/**
 * What `pct set` changes on a running container without a rebuild: its CPU cores and memory (PVE
 * hot-plugs both). Anything else in the inputs (the app's own answers, the network, the disk, the
 * storage) is refused before anything happens.
 */
export async function planLxcReconfigure(ctx: ProviderContext, record: DeploymentRecord, change: ReconfigureChange<LxcInputs>, healthTimeoutMs: number, proxy?: LxcProxySettings): Promise<ReconfigureProposal> {
  const { before, after } = change;
  const ref = containerRef(record);
  const other = changedBeyondResources(before, after);
  if (other) {
    throw new UserError(`"${record.name}": ${other} cannot be changed in place on Proxmox VE in this version; nothing was changed`, 'only lxc_cores, lxc_memory and the domain (the managed proxy\'s site) are changed in place; for the rest back up, install anew with the new answers and restore there');
  }
  await ensureOnThisNode(ctx.runner, ref, record.name);
  const config = parseContainerConfig((await pveshRead(ctx.runner, pvePaths.containerConfig(ref.node, ref.vmid))).stdout);
  const now = { cores: Number(config.cores ?? before.resources.cores), memory: Number(config.memory ?? before.resources.memoryMiB) };
  const next = { cores: after.resources.cores, memory: after.resources.memoryMiB };
  const options: PveOption[] = [...(next.cores !== now.cores ? [['cores', next.cores] as const] : []), ...(next.memory !== now.memory ? [['memory', next.memory] as const] : [])];
  const back: PveOption[] = [...(next.cores !== now.cores ? [['cores', now.cores] as const] : []), ...(next.memory !== now.memory ? [['memory', now.memory] as const] : [])];
  const set = pct.set(ref.vmid, options);
  const file: FileChange = { path: `CT ${ref.vmid} config (/etc/pve/lxc/${ref.vmid}.conf)`, before: `cores: ${now.cores}\nmemory: ${now.memory}`, after: `cores: ${next.cores}\nmemory: ${next.memory}` };
  const probe: PlanAction[] = ref.probe ? [{ kind: 'wait', check: guestProbe(ctx.runner, ref.probe, { node: ref.node, vmid: ref.vmid, address: ref.address }), timeoutMs: healthTimeoutMs, intervalMs: 1000 }] : [];
  const site = proxySiteChange(record, before, after, lxcProxyOf(proxy, ctx.proxyHost), ctx.proxyHost?.name);
  const newRecord = site ? withSite(change.record, site.after, lxcProxyOf(proxy, ctx.proxyHost), ctx.proxyHost?.name) : change.record;
  const setStep: PlanStep = {
    id: 'set',
    title: `Set ${options.map(([k, v]) => `${k} ${v}`).join(', ')} on container ${ref.vmid} (no rebuild)`,
    actions: [{ kind: 'run', command: { argv: set, timeoutMs: 120_000 } }],
    undo: [{ kind: 'run', command: { argv: pct.set(ref.vmid, back), timeoutMs: 120_000 }, description: `put back ${back.map(([k, v]) => `${k} ${v}`).join(', ')}: ${showCommand(pct.set(ref.vmid, back))}` }, ...probe],
  };
  const changes: PlanStep[] = [...(options.length > 0 ? [setStep] : []), ...(site ? [site.step] : [])];
  const steps: PlanStep[] =
    changes.length === 0
      ? []
      : [
          ...changes,
          ...(probe.length ? [{ id: 'health', title: `Check that ${record.app} still answers`, actions: probe }] : []),
          {
            id: 'record',
            title: 'Write the deployment record',
            actions: [{ kind: 'call', description: `write ${recordPath(record.name)} on ${ctx.runner.host}`, run: () => writeRecord(ctx.runner, newRecord) }],
            undo: [{ kind: 'call', description: `put back the previous ${recordPath(record.name)}`, run: () => writeRecord(ctx.runner, record) }],
            recordChange: { kind: 'write', record: newRecord },
          },
        ];
  return {
    plan: { kind: 'reconfigure', deployment: record.name, host: ctx.hostName, provider: 'proxmox-lxc', app: record.app, steps, secrets: [] },
    files: [...(options.length ? [file] : []), ...(site ? [site.file] : [])],
    actions: [...(options.length ? [showCommand(set)] : []), ...(site ? [site.step.title] : [])],
    preflight: [...(options.length ? await capacity(ctx, now, next) : []), ...(site?.after ? await lxcProxyPreflight(ctx.runner, after, proxy, ctx.proxyHost) : [])],
    // Cores and memory are hot-plugged and Caddy reloads gracefully: the app keeps answering.
    interrupts: [],
  };
}

/** The first input that differs between before and after other than cores and memory, in words; undefined when none. */
function changedBeyondResources(before: LxcInputs, after: LxcInputs): string | undefined {
  // The domain only moves the proxy's site (proxySiteChange); everything else stays.
  const strip = ({ publicHost: _site, ...i }: LxcInputs) => ({ ...i, resources: { ...i.resources, cores: 0, memoryMiB: 0 } });
  const a = strip(before);
  const b = strip(after);
  const named: [string, unknown, unknown][] = [
    ['the disk size or storage', a.resources, b.resources],
    ['the network', a.network, b.network],
    ['the host name or container id', [a.hostname, a.ctid], [b.hostname, b.ctid]],
    ['a bind mount', a.mounts, b.mounts],
  ];
  const found = named.find(([, x, y]) => JSON.stringify(x) !== JSON.stringify(y));
  if (found) return found[0];
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : "the app's own settings (they need its install steps run again)";
}

/** More memory must fit in what the node has free; more cores than the node has are refused. */
async function capacity(ctx: ProviderContext, now: { cores: number; memory: number }, next: { cores: number; memory: number }): Promise<PreflightItem[]> {
  const node = await readNodeName(ctx.runner);
  const cap = parseNodeStatus((await pveshRead(ctx.runner, pvePaths.nodeStatus(node))).stdout);
  const more = (next.memory - now.memory) * MIB;
  const memory: PreflightItem =
    more > cap.memoryAvailableBytes
      ? { status: 'fail', label: 'Memory', detail: `${next.memory} MiB needs ${Math.ceil(more / MIB)} MiB more, but node ${node} has ${Math.floor(cap.memoryAvailableBytes / MIB)} MiB free`, hint: 'ask for less (lxc_memory), or free memory on the node first', field: 'lxc_memory' }
      : { status: 'ok', label: 'Memory', detail: `${now.memory} -> ${next.memory} MiB fits (${Math.floor(cap.memoryAvailableBytes / MIB)} MiB free on ${node})` };
  const cores: PreflightItem =
    next.cores > cap.cores
      ? { status: 'fail', label: 'CPU cores', detail: `${next.cores} cores asked, but node ${node} has ${cap.cores}`, hint: `ask for at most ${cap.cores} (lxc_cores)`, field: 'lxc_cores' }
      : { status: 'ok', label: 'CPU cores', detail: `${now.cores} -> ${next.cores} of ${cap.cores} on ${node}` };
  return [memory, cores];
}

/**
 * The proxy's site when the domain changed: the new site (or none), its file diff and the step that
 * writes it (undo puts the old one back). Without a managed proxy a changed domain is only an answer.
 */
function proxySiteChange(record: DeploymentRecord, before: LxcInputs, after: LxcInputs, proxy: LxcProxySettings | undefined, host: string | undefined): { step: PlanStep; file: FileChange; after: CaddySite | undefined } | undefined {
  if (!proxy || proxy.kind !== 'caddy' || before.publicHost === after.publicHost) return undefined;
  const recorded = recordedCaddySite(record.refs);
  if (recorded && recorded.host !== host) {
    // One step changes one host's Caddy: moving the site between hosts is not planned here.
    throw new UserError(`the site of ${record.name} is served by Caddy on ${recorded.host ?? record.host}, but hosts.yaml now names ${host ?? 'no proxy host'} for ${record.host}`, 'put hosts.yaml back as it was for this reconfigure, or uninstall and install the deployment again (its data stays) to move its site');
  }
  const old = record.refs.proxy === 'caddy' ? lxcCaddySite(before, record.name, proxy) : undefined;
  const next = lxcCaddySite(after, record.name, proxy);
  if (!old && !next) return undefined;
  const file: FileChange = { path: caddySitePath(proxy.caddy, record.name), before: old ? caddySiteConfig(old) : '', after: next ? caddySiteConfig(next) : '' };
  return { step: caddySiteChangeStep(proxy.caddy, record.name, old, next, host), file, after: next };
}

/** The record after a site change: its refs name the site (or not) and its first URL is the https one. */
function withSite(record: DeploymentRecord, site: CaddySite | undefined, proxy: LxcProxySettings | undefined, host: string | undefined): DeploymentRecord {
  const { proxy: _p, proxyDir: _d, proxySite: _s, proxyHost: _h, ...refs } = record.refs as Record<string, unknown>;
  const urls = record.urls.filter((u) => !u.startsWith('https://'));
  if (!site || !proxy) return deploymentRecordSchema.parse({ ...record, refs, urls });
  return deploymentRecordSchema.parse({ ...record, refs: { ...refs, ...caddyRefs(proxy.caddy, record.name, host) }, urls: [`https://${site.host}/`, ...urls] });
}
