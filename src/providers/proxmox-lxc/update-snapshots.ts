import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { HOST_STATE_DIR } from '../../platform/operation/host-state.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { deleteContainerSnapshot, listContainerSnapshots } from './snapshots.js';

/** Every snapshot homelab-tui takes before an update is named so; no other snapshot is ever pruned. */
export const UPDATE_SNAPSHOT_PREFIX = 'homelab-tui-';

/** `homelab-tui-20261207-021500` (UTC; 27 characters, inside PVE's 40): sorting by name sorts by time. */
export function updateSnapshotName(at: number): string {
  const iso = new Date(at).toISOString();
  return `${UPDATE_SNAPSHOT_PREFIX}${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/** The homelab-tui snapshots to delete so that `keep` remain (the newest), oldest first. */
export function snapshotsBeyond(names: readonly string[], keep: number): string[] {
  const ours = names.filter((n) => n.startsWith(UPDATE_SNAPSHOT_PREFIX) && /^homelab-tui-\d{8}-\d{6}$/.test(n)).sort();
  return ours.slice(0, Math.max(0, ours.length - keep));
}

/**
 * Where an update notes, on the node, the snapshot it rolls back to. Written before the new version
 * is applied: an `undo` of an interrupted update that finds it knows the guest changed and where to go.
 */
export function updateMarkerPath(name: string): string {
  return `${HOST_STATE_DIR}/updates/${name}.lxc-snapshot`;
}

export function writeMarkerActions(name: string, snapshot: string): PlanAction[] {
  return [
    { kind: 'run', command: { argv: ['mkdir', '-p', '-m', '0700', '--', `${HOST_STATE_DIR}/updates`] } },
    { kind: 'write', path: updateMarkerPath(name), content: `${snapshot}\n`, mode: 0o600, description: `note ${updateMarkerPath(name)}: the update may change the guest; its rollback goes to ${snapshot}` },
  ];
}

export function removeMarkerAction(name: string): PlanAction {
  return { kind: 'run', command: { argv: ['rm', '-f', '--', updateMarkerPath(name)] }, description: `forget ${updateMarkerPath(name)}` };
}

/**
 * After a successful update: the note removed, and homelab-tui's snapshots beyond `keep` deleted
 * (the other snapshots are the user's and stay). A snapshot that cannot be deleted is reported, and
 * the update still succeeded.
 */
export function pruneStep(ctx: ProviderContext, record: DeploymentRecord, keep: number): PlanStep {
  return {
    id: 'prune-snapshots',
    title: `Keep the newest ${keep} homelab-tui snapshot${keep === 1 ? '' : 's'} of the container`,
    actions: [
      removeMarkerAction(record.name),
      {
        kind: 'call',
        description: `pct delsnapshot of every ${UPDATE_SNAPSHOT_PREFIX}… snapshot of ${record.name} beyond the newest ${keep}`,
        run: async (actx) => {
          const names = (await listContainerSnapshots(ctx, record)).map((s) => s.name);
          for (const name of snapshotsBeyond(names, keep)) {
            try {
              await deleteContainerSnapshot(ctx, record, name);
              actx.output(`deleted snapshot ${name}`);
            } catch (error) {
              actx.output(`warning: snapshot ${name} was not deleted: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
        },
      },
    ],
  };
}
