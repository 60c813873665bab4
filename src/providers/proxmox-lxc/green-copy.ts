import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { CommandError, tailOf } from '../../platform/errors.js';
import { HOST_STATE_DIR } from '../../platform/operation/host-state.js';
import { runAction } from '../../platform/operation/run-action.js';
import type { ActionContext, PlanAction } from '../../platform/plan/plan.js';
import { caddyApplyAction, recordedCaddySite } from '../../platform/proxy/caddy.js';
import { readRemoteFile, writeRemoteFile } from '../../platform/remote-file.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { showCommand } from '../../platform/show-command.js';
import type { ProviderContext } from '../provider.js';
import { isOwnedBy } from './container-options.js';
import type { ContainerRef } from './container-ref.js';
import { isMissingContainer, parseContainerConfig } from './parse-container.js';
import { pct, pvePaths, pveshGet } from './pve-commands.js';

// The copy beside a container during a blue-green update (blue-green.ts): its names, the note on the
// node that says it exists, the runner of the Caddy that serves the site, and what takes it back when
// the update was interrupted (undo, or update, finds the note).

/** The deployment name the copy's description carries (its create's undo checks it, as an install's does). */
export const greenCopyName = (deployment: string): string => `${deployment}-hl-green`;

/** The copy's host name: the container's, with `-green` (one DNS label, at most 63 characters). */
export const greenHostname = (hostname: string): string => `${hostname.slice(0, 57).replace(/-+$/, '')}-green`;

/** Where the update notes, on the node, the copy it created: `VMID HOSTNAME`. */
export const greenMarkerPath = (deployment: string): string => `${HOST_STATE_DIR}/updates/${deployment}.lxc-green`;

/** Written before `pct create` of the copy, so an interrupted update's undo knows it is there. */
export function greenMarkerActions(deployment: string, vmid: number, hostname: string): PlanAction[] {
  return [
    { kind: 'run', command: { argv: ['mkdir', '-p', '-m', '0700', '--', `${HOST_STATE_DIR}/updates`] } },
    { kind: 'write', path: greenMarkerPath(deployment), content: `${vmid} ${hostname}\n`, mode: 0o600, description: `note ${greenMarkerPath(deployment)}: CT ${vmid} is the copy beside ${deployment}` },
  ];
}

export function removeGreenMarker(deployment: string): PlanAction {
  return { kind: 'run', command: { argv: ['rm', '-f', '--', greenMarkerPath(deployment)] }, description: `forget ${greenMarkerPath(deployment)}` };
}

/** The site's `reverse_proxy` line for an upstream, as caddySiteConfig writes it. */
export const upstreamLine = (upstream: string): string => `\treverse_proxy ${upstream}\n`;

/** The runner of the Caddy serving a site: the node's, or the proxy host's that hosts.yaml names; undefined when that host is not known here. */
export function proxyRunnerOf(ctx: ProviderContext, site: { host?: string }): CommandRunner | undefined {
  if (!site.host) return ctx.runner;
  return ctx.proxyHost?.name === site.host ? ctx.proxyHost.runner : undefined;
}

/** Destroys the copy when it is the one the update created (its config says so); a missing one is gone already. */
async function destroyCopy(ctx: ProviderContext, record: DeploymentRecord, vmid: number, hostname: string, actx: ActionContext): Promise<void> {
  const argv = pveshGet(pvePaths.containerConfig(containerNode(record), vmid));
  const read = await ctx.runner.run({ argv });
  if (read.exitCode !== 0 && isMissingContainer(read.stderr)) return;
  if (read.exitCode !== 0) throw new CommandError(argv, read.exitCode, ctx.runner.host, tailOf(read.stderr));
  if (!isOwnedBy(parseContainerConfig(read.stdout), greenCopyName(record.name), hostname)) {
    actx.output(`CT ${vmid} is not the copy this update created: it was left alone`);
    return;
  }
  const destroy = pct.destroy(vmid, { force: true, purge: true });
  actx.output(`→ ${showCommand(destroy)}`);
  const result = await ctx.runner.run({ argv: destroy, timeoutMs: 600_000 });
  if (result.exitCode !== 0) throw new CommandError(destroy, result.exitCode, ctx.runner.host, tailOf(result.stderr));
}

const containerNode = (record: DeploymentRecord): string => String(record.refs.node ?? '');

/**
 * Takes back the copy of an interrupted blue-green update, when its note is on the node: the copy
 * destroyed, the site sent to the container's own address again (Caddy reloaded), the note removed.
 */
export async function takeBackCopy(ctx: ProviderContext, record: DeploymentRecord, ref: ContainerRef, actx: ActionContext): Promise<void> {
  const marker = greenMarkerPath(record.name);
  const read = await ctx.runner.run({ argv: ['cat', '--', marker] });
  if (read.exitCode !== 0) return;
  const [vmidText = '', hostname = ''] = read.stdout.trim().split(/\s+/);
  actx.output(`${marker} is there: the update had created CT ${vmidText} beside CT ${ref.vmid} (blue-green)`);
  if (/^\d+$/.test(vmidText)) await destroyCopy(ctx, record, Number(vmidText), hostname, actx);
  const site = recordedCaddySite(record.refs);
  const runner = site ? proxyRunnerOf(ctx, site) : undefined;
  if (site && runner && ref.probe) {
    const text = await readRemoteFile(runner, site.site);
    const own = upstreamLine(`${ref.address}:${ref.probe.port}`);
    if (text !== undefined && !text.includes(own)) {
      actx.output(`→ Caddy's site ${site.site} sends to ${ref.address}:${ref.probe.port} again`);
      await writeRemoteFile(runner, site.site, text.replace(/^\treverse_proxy [^\n]*\n/m, own), 0o644);
      await runAction(caddyApplyAction(site.dir), runner, ctx.clock, actx);
    }
  } else if (site) {
    actx.output(`warning: the site ${site.site} is on ${site.host ?? ctx.hostName}, not reachable from here: point it at ${ref.address} yourself`);
  }
  await runAction(removeGreenMarker(record.name), ctx.runner, ctx.clock, actx);
}
