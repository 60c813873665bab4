import type { Clock } from '../../platform/clock.js';
import type { ConnectionStateSource } from '../../platform/ssh/connection-state.js';
import { createFleetPoller, type FleetPoller, type PollTiming, type TaggedReading } from './fleet-poller.js';
import type { FleetSource } from './fleet-reading.js';

/** What the dashboard's store needs from the services: polling, connection states, details, actions, logs. */
export interface FleetDeps {
  clock: Clock;
  connections: ConnectionStateSource;
  /** A poller (no hosts yet) whose answers go to `onResult`. */
  watch(onResult: (result: TaggedReading) => void): FleetPoller;
  readDetails: FleetSource['readDetails'];
  act: FleetSource['act'];
  logs: FleetSource['logs'];
  shell: FleetSource['shell'];
  /** Plans a restore from the details (absent: the dashboard offers none). */
  prepareRestore?: FleetSource['prepareRestore'];
  /** Puts text on the terminal's clipboard (OSC 52) where it can; false when it cannot. */
  copyText(text: string): boolean;
}

/** A source of connection states that never changes, for hosts reached without the SSH pool. */
export const noConnections: ConnectionStateSource = { getSnapshot: () => ({}), subscribe: () => () => undefined };

/**
 * A poller whose explicit refresh (one host, or every host it watches) first probes the hosts' facts
 * again, so what the refresh reads is current; a failed probe still refreshes (the reading says why).
 */
export function refreshingFacts(poller: FleetPoller, refreshFacts: (host: string) => Promise<void>): FleetPoller {
  let hosts: readonly string[] = [];
  return {
    setHosts(next) {
      hosts = next;
      poller.setHosts(next);
    },
    refresh(host) {
      const probes = (host === undefined ? hosts : [host]).map((h) => refreshFacts(h).catch(() => undefined));
      void Promise.all(probes).then(() => poller.refresh(host));
    },
    invalidate: (host) => poller.invalidate(host),
    epochOf: (host) => poller.epochOf(host),
    get dropped() {
      return poller.dropped;
    },
    stop: () => poller.stop(),
  };
}

/** Wires a fleet source to the real poller. */
export function createFleetDeps(options: { source: FleetSource; connections: ConnectionStateSource; clock: Clock; timing: PollTiming; copyText?: (text: string) => boolean }): FleetDeps {
  const { source, clock, timing } = options;
  return {
    clock,
    connections: options.connections,
    watch: (onResult) => {
      const poller = createFleetPoller({ ...timing, clock, read: (host, signal) => source.readHost(host, signal), onResult });
      return source.refreshFacts ? refreshingFacts(poller, (host) => source.refreshFacts?.(host) ?? Promise.resolve()) : poller;
    },
    readDetails: (reading, signal) => source.readDetails(reading, signal),
    act: (action, reading, actOptions) => source.act(action, reading, actOptions),
    logs: (reading, logOptions) => source.logs(reading, logOptions),
    shell: (reading, shellOptions) => source.shell(reading, shellOptions),
    ...(source.prepareRestore ? { prepareRestore: (reading, archive, passphrase) => source.prepareRestore?.(reading, archive, passphrase) ?? Promise.reject(new Error('restores are not offered')) } : {}),
    copyText: options.copyText ?? (() => false),
  };
}
