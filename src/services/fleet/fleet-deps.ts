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
  /** Puts text on the terminal's clipboard (OSC 52) where it can; false when it cannot. */
  copyText(text: string): boolean;
}

/** A source of connection states that never changes, for hosts reached without the SSH pool. */
export const noConnections: ConnectionStateSource = { getSnapshot: () => ({}), subscribe: () => () => undefined };

/** Wires a fleet source to the real poller. */
export function createFleetDeps(options: { source: FleetSource; connections: ConnectionStateSource; clock: Clock; timing: PollTiming; copyText?: (text: string) => boolean }): FleetDeps {
  const { source, clock, timing } = options;
  return {
    clock,
    connections: options.connections,
    watch: (onResult) => createFleetPoller({ ...timing, clock, read: (host, signal) => source.readHost(host, signal), onResult }),
    readDetails: (reading, signal) => source.readDetails(reading, signal),
    act: (action, reading, actOptions) => source.act(action, reading, actOptions),
    logs: (reading, logOptions) => source.logs(reading, logOptions),
    copyText: options.copyText ?? (() => false),
  };
}
