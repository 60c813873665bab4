import type { StateCreator } from 'zustand/vanilla';
import type { FleetPoller, TaggedReading } from '../services/fleet/fleet-poller.js';
import type { HostReading } from '../services/fleet/fleet-reading.js';
import type { ConnectionSnapshot } from '../platform/ssh/connection-state.js';
import type { AppDeps, AppState } from './app-store.js';

/** One host's latest answer from the poller, and when the next refresh is due. */
export interface HostFleet {
  host: string;
  /** The epoch of the answer shown; older answers are dropped. */
  epoch: number;
  reading: HostReading;
  refreshedAt: number;
  failures: number;
  nextAt: number;
}

export type SortKey = 'name' | 'health' | 'restarts' | 'uptime';
export type GroupKey = 'host' | 'health';

/** How the fleet list is shown: filter, order, grouping and the selected row (by id, so it survives refreshes). */
export interface FleetView {
  filter: string;
  /** The filter line has the keyboard. */
  filtering: boolean;
  sort: SortKey;
  group: GroupKey;
  selectedId?: string;
}

/** Live state of every host's deployments, the SSH connection states, and the list's view settings. */
export interface FleetSlice {
  fleet: Readonly<Record<string, HostFleet>>;
  connections: ConnectionSnapshot;
  fleetView: FleetView;
  /** The clock's time, advanced each second while watching, for "since" and uptimes. */
  now: number;
  /** Starts (or re-targets) polling of these hosts and following their connection states. */
  watchFleet(hosts: readonly string[]): void;
  unwatchFleet(): void;
  refreshFleet(host?: string): void;
  /** Drops answers in flight for a host (asked before a change, e.g. a restart) and refreshes it. */
  invalidateHost(host: string): void;
  receiveReading(result: TaggedReading): void;
  setFleetFilter(text: string): void;
  setFleetFiltering(on: boolean): void;
  cycleFleetSort(): void;
  cycleFleetGroup(): void;
  selectFleetRow(id: string): void;
}

const SORTS: readonly SortKey[] = ['name', 'health', 'restarts', 'uptime'];
const GROUPS: readonly GroupKey[] = ['host', 'health'];

function next<T>(all: readonly T[], current: T): T {
  return all[(all.indexOf(current) + 1) % all.length] as T;
}

export function createFleetSlice(deps: AppDeps): StateCreator<AppState, [], [], FleetSlice> {
  return (set, get) => {
    const { clock, connections } = deps.fleet;
    let poller: FleetPoller | undefined;
    let unsubscribe: (() => void) | undefined;
    let ticker: AbortController | undefined;

    const tick = async (signal: AbortSignal): Promise<void> => {
      while (!signal.aborted) {
        try {
          await clock.sleep(1000, signal);
        } catch {
          return;
        }
        set({ now: clock.now() });
      }
    };

    return {
      fleet: {},
      connections: connections.getSnapshot(),
      fleetView: { filter: '', filtering: false, sort: 'name', group: 'host' },
      now: clock.now(),
      watchFleet: (hosts) => {
        if (!poller) {
          poller = deps.fleet.watch((result) => get().receiveReading(result));
          unsubscribe = connections.subscribe(() => set({ connections: connections.getSnapshot() }));
          ticker = new AbortController();
          void tick(ticker.signal);
        }
        poller.setHosts(hosts);
        // Hosts that left the inventory leave the list with their last answers.
        const kept = Object.fromEntries(Object.entries(get().fleet).filter(([host]) => hosts.includes(host)));
        set({ fleet: kept, connections: connections.getSnapshot() });
      },
      unwatchFleet: () => {
        poller?.stop();
        unsubscribe?.();
        ticker?.abort();
        poller = undefined;
        unsubscribe = undefined;
        ticker = undefined;
      },
      refreshFleet: (host) => poller?.refresh(host),
      invalidateHost: (host) => poller?.invalidate(host),
      receiveReading: (result) => {
        const current = get().fleet[result.target];
        // The poller drops stale answers already; this guards answers delivered out of order too.
        if (!poller || result.epoch < poller.epochOf(result.target) || (current && result.epoch < current.epoch)) return;
        const entry: HostFleet = { host: result.target, epoch: result.epoch, reading: result.reading, refreshedAt: result.finishedAt, failures: result.failures, nextAt: result.nextAt };
        set({ fleet: { ...get().fleet, [result.target]: entry }, now: clock.now() });
      },
      setFleetFilter: (text) => set({ fleetView: { ...get().fleetView, filter: text } }),
      setFleetFiltering: (on) => set({ fleetView: { ...get().fleetView, filtering: on } }),
      cycleFleetSort: () => set({ fleetView: { ...get().fleetView, sort: next(SORTS, get().fleetView.sort) } }),
      cycleFleetGroup: () => set({ fleetView: { ...get().fleetView, group: next(GROUPS, get().fleetView.group) } }),
      selectFleetRow: (id) => set({ fleetView: { ...get().fleetView, selectedId: id } }),
    };
  };
}
