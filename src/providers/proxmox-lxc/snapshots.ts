import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { CommandError, tailOf, UserError } from '../../platform/errors.js';
import type { PlanStep } from '../../platform/plan/plan.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { ProviderContext } from '../provider.js';
import { containerRef, ensureOnThisNode, type ContainerRef } from './container-ref.js';
import { pveshRead } from './node-facts.js';
import { parseContainerState, parseSnapshots, type SnapshotInfo } from './parse-container.js';
import { pct, pvePaths } from './pve-commands.js';

// PVE's pve-configid format, with the snapshot name's 40-character limit.
const SNAPSHOT_NAME = /^[a-z][a-z0-9_-]{1,39}$/i;

/** Snapshots can take a while on big volumes: the copy runs while pct waits. */
const SNAPSHOT_TIMEOUT_MS = 900_000;

async function runPct(runner: CommandRunner, argv: string[]): Promise<void> {
  const result = await runner.run({ argv, timeoutMs: SNAPSHOT_TIMEOUT_MS });
  if (result.exitCode !== 0) throw new CommandError(argv, result.exitCode, runner.host, tailOf(result.stderr || result.stdout));
}

function checkName(name: string): void {
  if (!SNAPSHOT_NAME.test(name) || name === 'current') {
    throw new UserError(`"${name}" cannot name a snapshot`, 'use 2 to 40 letters, digits, _ or -, starting with a letter (not "current")');
  }
}

async function target(ctx: ProviderContext, record: DeploymentRecord): Promise<ContainerRef> {
  const ref = containerRef(record);
  await ensureOnThisNode(ctx.runner, ref, record.name);
  return ref;
}

export async function snapshotContainer(ctx: ProviderContext, record: DeploymentRecord, name: string): Promise<void> {
  checkName(name);
  const ref = await target(ctx, record);
  await runPct(ctx.runner, pct.snapshot(ref.vmid, name, `homelab-tui: ${record.app} ${record.version} (${record.name})`));
}

/** Rolls back and starts the container again when it was running (PVE stops it for the rollback). */
export async function rollbackContainer(ctx: ProviderContext, record: DeploymentRecord, name: string): Promise<void> {
  checkName(name);
  const ref = await target(ctx, record);
  const state = parseContainerState((await pveshRead(ctx.runner, pvePaths.containerStatus(ref.node, ref.vmid))).stdout);
  await runPct(ctx.runner, pct.rollback(ref.vmid, name, state.status === 'running'));
}

export async function deleteContainerSnapshot(ctx: ProviderContext, record: DeploymentRecord, name: string): Promise<void> {
  checkName(name);
  const ref = await target(ctx, record);
  await runPct(ctx.runner, pct.delsnapshot(ref.vmid, name));
}

/** The container's snapshots, oldest first. */
export async function listContainerSnapshots(ctx: ProviderContext, record: DeploymentRecord): Promise<SnapshotInfo[]> {
  const ref = containerRef(record);
  return parseSnapshots((await pveshRead(ctx.runner, pvePaths.snapshots(ref.node, ref.vmid))).stdout);
}

/** A plan step taking snapshot `name`; its undo deletes it (the name is checked when the plan is made). */
export function snapshotStep(ctx: ProviderContext, record: DeploymentRecord, name: string): PlanStep {
  checkName(name);
  return {
    id: `snapshot-${name}`,
    title: `Snapshot the container as ${name}`,
    actions: [{ kind: 'call', description: `pct snapshot of ${record.name} as ${name}`, run: () => snapshotContainer(ctx, record, name) }],
    undo: [{ kind: 'call', description: `pct delsnapshot of ${record.name} ${name}`, run: () => deleteContainerSnapshot(ctx, record, name) }],
    creates: [`snapshot ${name} of ${record.name}`],
  };
}

/** A plan step rolling the container back to snapshot `name` (no undo: the state before is gone). */
export function rollbackStep(ctx: ProviderContext, record: DeploymentRecord, name: string): PlanStep {
  checkName(name);
  return {
    id: `rollback-${name}`,
    title: `Roll the container back to ${name}`,
    actions: [{ kind: 'call', description: `pct rollback of ${record.name} to ${name}`, run: () => rollbackContainer(ctx, record, name) }],
  };
}
