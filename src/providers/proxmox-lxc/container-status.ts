import { probeProblem } from '../../platform/health/health-check.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { CommandError, tailOf } from '../../platform/errors.js';
import type { DeploymentStatus, ProviderContext, ServiceStatus } from '../provider.js';
import { containerRef, type ContainerRef } from './container-ref.js';
import { guestProbe } from './guest-probe.js';
import { isMissingContainer, parseContainerState, type ContainerState } from './parse-container.js';
import { pvePaths, pveshGet } from './pve-commands.js';
import { installedVersion } from './package-facts.js';

function serviceOf(ref: ContainerRef, record: DeploymentRecord, state: ContainerState | undefined, now: number): ServiceStatus {
  const base = { name: ref.hostname, version: record.version, ...(ref.template ? { image: ref.template } : {}) };
  if (!state) return { ...base, state: 'missing', health: 'none' };
  if (state.status === 'stopped') return { ...base, state: 'stopped', health: 'none' };
  return {
    ...base,
    state: 'running',
    health: 'none',
    startedAt: new Date(now - state.uptimeSeconds * 1000).toISOString(),
    ...(state.memoryBytes !== undefined ? { memoryBytes: state.memoryBytes } : {}),
    ...(state.cpuPercent !== undefined ? { cpuPercent: state.cpuPercent } : {}),
  };
}

/**
 * The container's state from the node (`…/status/current`), then, when it runs, the app's probe at
 * its address sent from the node. Every verdict but healthy carries a reason and a hint.
 */
export async function readLxcStatus(ctx: ProviderContext, record: DeploymentRecord): Promise<DeploymentStatus> {
  const ref = containerRef(record);
  const argv = pveshGet(pvePaths.containerStatus(ref.node, ref.vmid));
  const read = await ctx.runner.run({ argv, timeoutMs: 60_000 });
  if (read.exitCode !== 0 && !isMissingContainer(read.stderr)) throw new CommandError(argv, read.exitCode, ctx.runner.host, tailOf(read.stderr));
  const state = read.exitCode === 0 ? parseContainerState(read.stdout) : undefined;
  const service = serviceOf(ref, record, state, ctx.clock.now());
  const base = { deployment: record.name };
  if (!state) {
    return { ...base, health: 'unhealthy', services: [service], reason: `CT ${ref.vmid} no longer exists on node ${ref.node}`, hint: 'install again, or uninstall to forget it' };
  }
  if (state.status === 'stopped') {
    return { ...base, health: 'stopped', services: [service], reason: `CT ${ref.vmid} is stopped`, hint: `start it: pct start ${ref.vmid}` };
  }
  if (!ref.probe) return { ...base, health: 'unknown', services: [service], reason: 'the record has no health probe', hint: 'install again to record one' };
  const probe = await guestProbe(ctx.runner, ref.probe, { node: ref.node, vmid: ref.vmid, address: ref.address }).run({ clock: ctx.clock });
  // The Debian package's version is what runs (the record's version names the container image for other providers).
  const version = ref.package ? await installedVersion(ctx.runner, ref.vmid, ref.package) : undefined;
  const services = [{ ...service, ...(version ? { version } : {}), health: probe.ok ? ('healthy' as const) : ('unhealthy' as const) }];
  if (probe.ok) return { ...base, health: 'healthy', services, probe };
  const locked = state.lock ? ` (CT ${ref.vmid} is locked: ${state.lock})` : '';
  return { ...base, health: 'unhealthy', services, probe, reason: `${probeProblem(probe)}${locked}`, ...(probe.hint ? { hint: probe.hint } : {}) };
}
