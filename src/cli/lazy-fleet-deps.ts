import type { Clock } from '../platform/clock.js';
import type { FleetDeps } from '../services/fleet/fleet-deps.js';
import type { FleetPoller } from '../services/fleet/fleet-poller.js';
import type { ConnectionSnapshot, HostConnectionState } from '../platform/ssh/connection-state.js';

/**
 * Fleet deps whose real implementation (SSH, providers, YAML) loads on first use, after the first
 * frame is drawn. Until then connection states are empty and the poller remembers its hosts.
 */
export function lazyFleetDeps(load: () => Promise<FleetDeps>, options: { clock: Clock; copyText: (text: string) => boolean; onLoadError: (error: unknown) => void }): FleetDeps {
  let loading: Promise<FleetDeps> | undefined;
  let loaded: FleetDeps | undefined;
  const listeners = new Set<(state: HostConnectionState) => void>();
  const real = (): Promise<FleetDeps> => {
    loading ??= load().then((deps) => {
      loaded = deps;
      deps.connections.subscribe((state) => {
        for (const listener of listeners) listener(state);
      });
      return deps;
    });
    return loading;
  };
  const empty: ConnectionSnapshot = {};
  return {
    clock: options.clock,
    copyText: options.copyText,
    connections: {
      getSnapshot: () => loaded?.connections.getSnapshot() ?? empty,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
    watch: (onResult) => {
      let poller: FleetPoller | undefined;
      let hosts: readonly string[] = [];
      let stopped = false;
      real().then(
        (deps) => {
          if (stopped) return;
          poller = deps.watch(onResult);
          poller.setHosts(hosts);
        },
        (error: unknown) => options.onLoadError(error),
      );
      return {
        setHosts: (next) => {
          hosts = next;
          poller?.setHosts(next);
        },
        refresh: (host) => poller?.refresh(host),
        invalidate: (host) => poller?.invalidate(host),
        epochOf: (host) => poller?.epochOf(host) ?? -1,
        get dropped() {
          return poller?.dropped ?? 0;
        },
        stop: () => {
          stopped = true;
          poller?.stop();
        },
      };
    },
    readDetails: async (reading, signal) => (await real()).readDetails(reading, signal),
    act: async (action, reading, actOptions) => (await real()).act(action, reading, actOptions),
    shell: async (reading, shellOptions) => (await real()).shell(reading, shellOptions),
    prepareRestore: async (reading, archive, passphrase) => {
      const deps = await real();
      if (!deps.prepareRestore) throw new Error('this build restores from the command line only');
      return deps.prepareRestore(reading, archive, passphrase);
    },
    logs: async function* (reading, logOptions) {
      yield* (await real()).logs(reading, logOptions);
    },
  };
}
