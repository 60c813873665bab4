/** Where one host's SSH connection stands. `stale`: it was connected and dropped; the next use reconnects. */
export type ConnectionStatus =
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'stale'
  | 'unreachable'
  | 'auth-failed'
  | 'host-key-rejected'
  | 'closed';

/** One host's connection as the dashboard shows it. */
export interface HostConnectionState {
  host: string;
  status: ConnectionStatus;
  /** Epoch milliseconds when this status began. */
  since: number;
  /** Failed connection attempts in a row; 0 once connected. */
  failures: number;
  /** Why it is not connected, and what to do about it. */
  message?: string;
  hint?: string;
}

/** Every host's state by host name; a new object on every change, so it can be compared by reference. */
export type ConnectionSnapshot = Readonly<Record<string, HostConnectionState>>;

/** A subscribable view of connection states, shaped for React's useSyncExternalStore or a zustand action. */
export interface ConnectionStateSource {
  getSnapshot(): ConnectionSnapshot;
  /** Calls `listener` with each changed host state; returns the unsubscribe function. */
  subscribe(listener: (state: HostConnectionState) => void): () => void;
}

/** Holds the states and notifies listeners; the pool writes, the store reads. */
export class ConnectionStates implements ConnectionStateSource {
  private snapshot: ConnectionSnapshot = {};
  private readonly listeners = new Set<(state: HostConnectionState) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  subscribe = (listener: (state: HostConnectionState) => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  update(state: HostConnectionState): void {
    const current = this.snapshot[state.host];
    if (current && current.status === state.status && current.message === state.message && current.failures === state.failures) return;
    this.snapshot = { ...this.snapshot, [state.host]: state };
    for (const listener of [...this.listeners]) {
      // A failing listener (a screen's bug) must not break the connection that reported the change.
      try {
        listener(state);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
