import type { StateCreator } from 'zustand/vanilla';
import { refKey, type DeploymentDetails, type DeploymentReading, type DeploymentRef } from '../services/fleet/fleet-reading.js';
import type { AppDeps, AppState } from './app-store.js';

/** The details being read for one deployment; `request` tags the read so an answer for another is dropped. */
export interface DetailsState {
  key: string;
  request: number;
  loading: boolean;
  details?: DeploymentDetails;
  error?: string;
}

/** The details screen: which deployment, and what was read on demand for it (log tail, disk use). */
export interface DetailsSlice {
  details: DetailsState | undefined;
  /** Which of the details' backups is selected (newest first: 0). */
  backupCursor: number;
  /** Moves the backup selection by `delta`, within the list. */
  moveBackup(delta: number): void;
  openDetails(ref: DeploymentRef): void;
  reloadDetails(): void;
  closeDetails(): void;
}

/** A deployment's latest reading from the fleet state. */
export function readingOf(state: Pick<AppState, 'fleet'>, ref: DeploymentRef): DeploymentReading | undefined {
  return state.fleet[ref.host]?.reading.deployments.find((d) => d.record.name === ref.name);
}

export function createDetailsSlice(deps: AppDeps): StateCreator<AppState, [], [], DetailsSlice> {
  return (set, get) => {
    let requests = 0;
    let inflight: AbortController | undefined;

    const load = (ref: DeploymentRef): void => {
      inflight?.abort();
      const reading = readingOf(get(), ref);
      const key = refKey(ref);
      const request = ++requests;
      if (!reading) {
        set({ details: { key, request, loading: false, error: `no answer from ${ref.host} yet` } });
        return;
      }
      const controller = new AbortController();
      inflight = controller;
      set({ details: { key, request, loading: true, ...(get().details?.key === key ? { details: get().details?.details } : {}) } });
      const current = () => get().details?.key === key && get().details?.request === request;
      deps.fleet.readDetails(reading, controller.signal).then(
        (details) => {
          // The user may have moved to another deployment (or reloaded) since: that answer is stale.
          // A new archive comes first (newest first): the selection stays on the same archive when it can.
          if (!current()) return;
          const selected = get().details?.details?.backups?.[get().backupCursor]?.archive;
          const at = selected ? (details.backups ?? []).findIndex((b) => b.archive === selected) : -1;
          set({ details: { key, request, loading: false, details }, backupCursor: Math.max(0, Math.min(at >= 0 ? at : 0, (details.backups?.length ?? 1) - 1)) });
        },
        (error: unknown) => {
          if (current()) set({ details: { key, request, loading: false, error: error instanceof Error ? error.message : String(error) } });
        },
      );
    };

    return {
      details: undefined,
      backupCursor: 0,
      moveBackup: (delta) => {
        const count = get().details?.details?.backups?.length ?? 0;
        set({ backupCursor: Math.max(0, Math.min(count - 1, get().backupCursor + delta)) });
      },
      openDetails: (ref) => {
        set({ backupCursor: 0 });
        get().navigate({ name: 'details', ref });
        load(ref);
      },
      reloadDetails: () => {
        const route = get().route;
        if (route.name === 'details') load(route.ref);
      },
      closeDetails: () => {
        inflight?.abort();
        set({ details: undefined });
        get().navigate({ name: 'dashboard' });
      },
    };
  };
}
