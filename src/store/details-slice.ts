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
          if (current()) set({ details: { key, request, loading: false, details } });
        },
        (error: unknown) => {
          if (current()) set({ details: { key, request, loading: false, error: error instanceof Error ? error.message : String(error) } });
        },
      );
    };

    return {
      details: undefined,
      openDetails: (ref) => {
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
