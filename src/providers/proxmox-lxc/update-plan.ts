import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { BugError, UserError } from '../../platform/errors.js';
import { describeAction, runAction } from '../../platform/operation/run-action.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext, UpdateRequest, UpdateSteps } from '../provider.js';
import { openContainer, type ContainerRef } from './container-ref.js';
import { RESTART_SCRIPT, stepCommand } from './guest-scripts.js';
import type { LxcInputs } from './inputs.js';
import { pct } from './pve-commands.js';
import { deleteContainerSnapshot, snapshotStep } from './snapshots.js';
import { planLxcBlueGreen } from './blue-green.js';
import { greenMarkerPath, takeBackCopy } from './green-copy.js';
import { gateAction, startActions } from './update-gate.js';
import { pruneStep, removeMarkerAction, updateMarkerPath, updateSnapshotName, writeMarkerActions } from './update-snapshots.js';

/** What the LXC update needs beyond the request: how long the gate waits and how many snapshots it keeps. */
export interface LxcUpdateOptions {
  healthTimeoutMs: number;
  keepSnapshots: number;
  /** For the copy beside the container (blue-green): swap in MiB, and apt's proxy in its guest. */
  swapMiB: number;
  aptProxy?: string;
}

const STEP_TIMEOUT_MS = 1_800_000;

/**
 * The rollback: the root filesystem back from the snapshot (`pct rollback` stops the container and
 * is not told to start it), the data back from the app-level backup while it is stopped (the
 * snapshot does not cover the bind-mounted data), the container started, the gate on the old version.
 */
function rollbackActions(ctx: ProviderContext, record: DeploymentRecord, ref: ContainerRef, snapshot: string, request: { from: string; restoreData: readonly PlanAction[] }, healthTimeoutMs: number): PlanAction[] {
  const gate = gateAction(ctx, ref, healthTimeoutMs);
  return [
    { kind: 'run', command: { argv: pct.rollback(ref.vmid, snapshot, false), timeoutMs: 900_000 }, description: `roll CT ${ref.vmid} back to ${snapshot} (its root filesystem as before the update)` },
    ...request.restoreData,
    ...startActions(ctx, ref),
    { ...gate, description: `health gate on ${record.app} ${request.from}: ${gate.check.describe()}` },
    removeMarkerAction(record.name),
  ];
}

function lxcInputsOf(request: UpdateRequest, record: DeploymentRecord): LxcInputs {
  const inputs = request.inputs?.();
  if (inputs?.provider !== 'proxmox-lxc') throw new BugError(`the update of ${record.name} got no Proxmox LXC inputs`);
  return inputs as LxcInputs;
}

/**
 * An update of a Proxmox container: a snapshot (homelab-tui's, named by time) after the data backup,
 * then in the guest the recipe's install steps of the new version and the app's service restarted,
 * and the gate (the container running and the app's probe). The apply step's undo is the rollback
 * (snapshot, data from the backup, the gate on the old version). A success keeps the newest
 * `keepSnapshots` of homelab-tui's snapshots.
 */
export async function planLxcUpdate(ctx: ProviderContext, record: DeploymentRecord, request: UpdateRequest, options: LxcUpdateOptions): Promise<UpdateSteps> {
  const ref = await openContainer(ctx.runner, record, undefined, () => '');
  const inputs = lxcInputsOf(request, record);
  const secretSteps = inputs.steps.filter((s) => s.secretEnv.length > 0).map((s) => s.name);
  if (secretSteps.length > 0) {
    throw new UserError(
      `${record.name} cannot be updated in place by this version of homelab-tui: the install steps of ${record.app} (${secretSteps.join(', ')}) need secrets that are kept only in its container`,
      'nothing was changed; back it up, install the new version anew and restore the backup there',
      1,
    );
  }
  const snapshot = updateSnapshotName(request.at ?? 0);
  const gate = gateAction(ctx, ref, options.healthTimeoutMs);
  const whileStopped: PlanAction[] = request.whileStopped?.length
    ? [{ kind: 'run', command: { argv: pct.shutdown(ref.vmid, 60), timeoutMs: 120_000 } }, ...request.whileStopped, ...startActions(ctx, ref)]
    : [];
  const blueGreen = request.blueGreen ? await planLxcBlueGreen(ctx, record, ref, inputs, request, { healthTimeoutMs: options.healthTimeoutMs, swapMiB: options.swapMiB, ...(options.aptProxy ? { aptProxy: options.aptProxy } : {}) }) : undefined;
  const bg = blueGreen && 'beside' in blueGreen ? blueGreen : undefined;
  const apply: PlanStep = {
    id: 'apply',
    title: `Run ${record.app} ${request.to} in container ${ref.vmid}`,
    actions: [
      ...writeMarkerActions(record.name, snapshot),
      ...whileStopped,
      ...inputs.steps.map((step): PlanAction => ({ kind: 'run', command: { argv: stepCommand(ref.vmid, step), timeoutMs: STEP_TIMEOUT_MS }, stream: true, description: `run "${step.name}" of ${record.app} ${request.to} in CT ${ref.vmid} (sh -e)` })),
      { kind: 'run', command: { argv: pct.exec(ref.vmid, ['sh', '-c', RESTART_SCRIPT, 'sh', ref.service]), timeoutMs: 120_000 }, description: `restart ${ref.service} in CT ${ref.vmid}` },
    ],
    // The copy beside it (blue-green) goes first: the data comes back while nothing else runs on it.
    undo: [...(bg?.stopCopy ?? []), ...rollbackActions(ctx, record, ref, snapshot, request, options.healthTimeoutMs)],
  };
  return {
    safety: [snapshotStep(ctx, record, snapshot)],
    fetch: {
      id: 'fetch',
      title: `Check container ${ref.vmid} runs (the recipe's steps bring the new version; nothing stops before them)`,
      actions: [{ kind: 'run', command: { argv: ['sh', '-c', 'pct status "$1" | grep -qx "status: running" || { echo "CT $1 is not running: start it, then update again" >&2; exit 1; }', 'sh', String(ref.vmid)], timeoutMs: 60_000 }, description: `CT ${ref.vmid} is running` }],
    },
    apply,
    gate: { id: 'gate', title: `Health gate: ${record.app} ${request.to} runs and answers`, actions: [gate] },
    after: [pruneStep(ctx, record, options.keepSnapshots)],
    changes: [`${ref.hostname} (CT ${ref.vmid}): the steps of ${record.app} ${request.to} run in the guest, then ${ref.service} restarts`, `snapshot ${snapshot} before (pct rollback to it on failure, the data from the backup)`],
    ...(bg ? { beside: bg.beside, finish: bg.finish, notes: [bg.note] } : blueGreen && 'reason' in blueGreen ? { notes: [`in place, not blue-green: ${blueGreen.reason}; ${ref.service} in CT ${ref.vmid} is down while it restarts`] } : {}),
  };
}

/**
 * Takes back an interrupted update: when the note of its snapshot is on the node (the new version was
 * being applied), the rollback to it with the data from the backup and the gate; else nothing changed.
 */
export async function lxcInterruptedUpdateStep(ctx: ProviderContext, record: DeploymentRecord, request: { from: string; restoreData: readonly PlanAction[] }, healthTimeoutMs: number): Promise<PlanStep> {
  const ref = await openContainer(ctx.runner, record, undefined, () => '');
  const marker = updateMarkerPath(record.name);
  return {
    id: 'rollback',
    title: `Roll back to ${record.app} ${request.from} (snapshot and data) if the update had begun to change the container`,
    actions: [
      {
        kind: 'call',
        description: `if ${greenMarkerPath(record.name)} is there (blue-green): the copy it names destroyed, the site sent to CT ${ref.vmid} again; then if ${marker} is there: pct rollback to the snapshot it names, the data from the backup, start, health gate, delete the snapshot`,
        run: async (actx) => {
          await takeBackCopy(ctx, record, ref, actx);
          const read = await ctx.runner.run({ argv: ['cat', '--', marker] });
          const snapshot = read.exitCode === 0 ? read.stdout.trim() : '';
          if (!snapshot) {
            actx.output(`${marker} is not there: the update had not changed ${record.name}; nothing to roll back`);
            return;
          }
          for (const action of rollbackActions(ctx, record, ref, snapshot, request, healthTimeoutMs)) {
            actx.output(`→ ${describeAction(action)}`);
            await runAction(action, ctx.runner, ctx.clock, actx);
          }
          // As the undo of an update that ran to its end deletes it: the container is that snapshot again.
          await deleteContainerSnapshot(ctx, record, snapshot).catch((error: unknown) => actx.output(`warning: snapshot ${snapshot} was not deleted: ${error instanceof Error ? error.message : String(error)}`));
        },
      },
    ],
  };
}
