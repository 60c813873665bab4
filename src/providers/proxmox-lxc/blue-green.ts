import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import { caddyApplyAction, recordedCaddySite } from '../../platform/proxy/caddy.js';
import { readRemoteFile } from '../../platform/remote-file.js';
import type { ProviderContext } from '../provider.js';
import { aptProxyOf, aptProxyStep } from './apt-proxy.js';
import type { ContainerRef } from './container-ref.js';
import { freeAddressAfter } from './green-address.js';
import { greenCopyName, greenHostname, greenMarkerActions, proxyRunnerOf, removeGreenMarker, upstreamLine } from './green-copy.js';
import { bootServiceStep } from './guest-files.js';
import { addressOf } from './guest-probe.js';
import type { LxcInputs } from './inputs.js';
import { checkIdStep, createStep, recipeStep, startStep, type InstallTarget } from './install-steps.js';
import { firstFreeId } from './node-choices.js';
import { pveshRead } from './node-facts.js';
import { bindMountsOf, parseContainerConfig } from './parse-container.js';
import { parseClusterGuests, parseNextId } from './parse-node.js';
import { pvePaths } from './pve-commands.js';
import { gateAction } from './update-gate.js';

// Blue-green on Proxmox LXC, where the recipe declares it (`blueGreen: true`) and the deployment is
// served by the managed Caddy: the user's entry point is the Caddy site, so it can move between two
// containers without a gap. `pct clone` cannot make the copy (PVE refuses to clone a container with
// bind mount points, and the app's data are bind mounts: data-mounts.ts), so the copy is made as an
// install makes a container: the same template and resources, the same bind-mounted folders of the
// node, a free id and a free address, the recipe's steps of the new version inside. It passes the
// gate at its address, the site moves to it (a graceful reload), the deployment's own container is
// updated in place (snapshot, steps, restart, gate) while the copy serves, the site moves back and the
// copy is destroyed. The deployment ends as an in-place update leaves it: same id, address and site.

/** The blue-green steps of an LXC update, or why it runs in place. */
export interface LxcBlueGreen {
  /** Between the fetch and the apply: the copy created and gated, the site switched to it. */
  beside: PlanStep[];
  /** After the deployment's own gate: the site back, the copy destroyed. */
  finish: PlanStep[];
  /** First in the apply step's undo: the copy goes before the data comes back. */
  stopCopy: PlanAction[];
  note: string;
}

/** What the copy is made with beyond the request. */
export interface LxcBlueGreenOptions {
  healthTimeoutMs: number;
  swapMiB: number;
  aptProxy?: string;
}

export async function planLxcBlueGreen(
  ctx: ProviderContext,
  record: DeploymentRecord,
  ref: ContainerRef,
  inputs: LxcInputs,
  update: { from: string; to: string; whileStopped?: readonly PlanAction[] },
  options: LxcBlueGreenOptions,
): Promise<LxcBlueGreen | { reason: string }> {
  const site = recordedCaddySite(record.refs);
  if (!site) return { reason: 'it is not served by the managed Caddy (proxmoxLxc.proxy and a domain), so nothing can switch its traffic' };
  if (update.whileStopped?.length) return { reason: 'the data comes back from an earlier backup while the container is stopped, and a copy would be running on it' };
  if (ref.probe?.kind !== 'http') return { reason: 'its health probe is not HTTP' };
  if (ref.address === 'dhcp' || addressOf(inputs.network.ip) !== ref.address) return { reason: `its address is not the static ${inputs.network.ip} its answers give` };
  if (!ref.template) return { reason: 'its record names no template to make the copy from' };
  if (inputs.service.secretEnv.length > 0) return { reason: `the environment of ${inputs.service.name} holds secrets kept only in its container` };
  const proxyRunner = proxyRunnerOf(ctx, site);
  if (!proxyRunner) return { reason: `its site is on ${site.host ?? ctx.hostName}, which hosts.yaml does not name as the proxy of ${ctx.hostName}` };
  const port = ref.probe.port;
  const siteText = await readRemoteFile(proxyRunner, site.site);
  if (siteText === undefined || !siteText.includes(upstreamLine(`${ref.address}:${port}`))) return { reason: `its Caddy site ${site.site} does not send to ${ref.address}:${port}` };
  const config = parseContainerConfig((await pveshRead(ctx.runner, pvePaths.containerConfig(ref.node, ref.vmid))).stdout);
  const volumes = Object.keys(config).filter((k) => /^mp\d+$/.test(k) && !(config[k] ?? '').replace(/^volume=/, '').startsWith('/'));
  if (volumes.length > 0) return { reason: `its mount point${volumes.length > 1 ? 's' : ''} ${volumes.join(', ')} ${volumes.length > 1 ? 'are volumes' : 'is a volume'} of the container, which a copy cannot share` };
  const [resources, nextId] = await Promise.all([pveshRead(ctx.runner, pvePaths.clusterResources), pveshRead(ctx.runner, pvePaths.nextId)]);
  const vmid = firstFreeId(parseClusterGuests(resources.stdout), parseNextId(nextId.stdout));
  const ip = await freeAddressAfter(ctx.runner, { node: ref.node, ip: inputs.network.ip, bridge: inputs.network.bridge, ...(inputs.network.gateway ? { gateway: inputs.network.gateway } : {}) });
  if (!ip) return { reason: `no free address after ${ref.address} in its subnet` };
  const { ctid: _, ...rest } = inputs;
  const copy: LxcInputs = { ...rest, hostname: greenHostname(ref.hostname), network: { ...inputs.network, ip }, mounts: bindMountsOf(config).map((m) => ({ hostPath: m.hostPath, guestPath: m.guestPath, readOnly: m.readOnly })) };
  const name = greenCopyName(record.name);
  const t: InstallTarget = { runner: ctx.runner, deployment: name, node: ref.node, vmid, fixedId: false, template: ref.template, inputs: copy, missingMounts: [], swapMiB: options.swapMiB, startOnBoot: false };
  const address = addressOf(ip);
  const green: ContainerRef = { ...ref, vmid, hostname: copy.hostname, address };
  const create = createStep(t);
  const stopCopy = [...(create.undo ?? []), removeGreenMarker(record.name)];
  const apt = aptProxyOf(copy, options.aptProxy);
  const on = site.host ? { host: site.host } : {};
  const siteTo = (upstream: string): PlanAction[] => [
    { kind: 'write', path: site.site, content: siteText.replace(upstreamLine(`${ref.address}:${port}`), upstreamLine(upstream)), mode: 0o644, description: `Caddy's site sends to ${upstream}` },
    caddyApplyAction(site.dir),
  ];
  const back: PlanAction[] = [{ kind: 'write', path: site.site, content: siteText, mode: 0o644, description: `Caddy's site sends to ${ref.address}:${port} again` }, caddyApplyAction(site.dir)];
  const app = record.app;
  return {
    beside: [
      { ...checkIdStep(t), id: 'green-check', title: `Check that id ${vmid} and address ${address} are still free for the copy beside CT ${ref.vmid}` },
      { ...create, id: 'green-up', title: `Create container ${vmid} (${copy.hostname}) beside CT ${ref.vmid} for ${app} ${update.to}, on the same data`, actions: [...greenMarkerActions(record.name, vmid, copy.hostname), ...create.actions], undo: stopCopy },
      { ...startStep(t), id: 'green-start', title: `Start container ${vmid}` },
      ...(apt ? [{ ...aptProxyStep(vmid, apt), id: 'green-apt-proxy' }] : []),
      ...copy.steps.map((step, i): PlanStep => ({ ...recipeStep(t, step, i), id: `green-step-${i + 1}`, title: `Beside: ${step.name}` })),
      { ...bootServiceStep(vmid, name, copy.service), id: 'green-service', title: `Start ${copy.service.name} in container ${vmid}` },
      { id: 'green-gate', title: `Health gate: ${app} ${update.to} beside ${update.from} runs and answers at ${address}:${port}`, actions: [{ ...gateAction(ctx, green, options.healthTimeoutMs) }] },
      { id: 'switch', ...on, title: `Switch the site to ${app} ${update.to} at ${address}:${port} (Caddy reloads gracefully)`, actions: siteTo(`${address}:${port}`), undo: back },
    ],
    finish: [
      { id: 'switch-back', ...on, title: `Switch the site back to CT ${ref.vmid} at ${ref.address}:${port}, now ${app} ${update.to}`, actions: back },
      { id: 'green-down', title: `Destroy the copy beside it (CT ${vmid})`, actions: stopCopy },
    ],
    stopCopy,
    note: `blue-green: ${update.to} starts beside ${update.from} in a new container ${vmid} at ${address} (the same template and data folders) and Caddy switches to it once it is healthy; CT ${ref.vmid} is then updated in place while Caddy serves the copy, Caddy switches back and the copy is destroyed`,
  };
}
