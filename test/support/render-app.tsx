import { render } from 'ink-testing-library';
import { App } from '../../src/screens/App.js';
import { createAppStore, type AppDeps, type AppState, type AppStore } from '../../src/store/app-store.js';
import { fakeFleetDeps } from './fleet-doubles.js';

/** Raw sequences for the named keys, so tests read `press(KEYS.escape)` rather than escape codes. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
} as const;

/** App deps for tests and benchmarks: the local host, no first run, no wizard services, a fake fleet. */
export function fakeAppDeps(): AppDeps {
  return {
    loadHosts: async () => [{ name: 'local', kind: 'local', address: '' }],
    isFirstRun: async () => false,
    loadWizard: async () => {
      throw new Error('this test gives the app no wizard services (deps.loadWizard)');
    },
    loadHostsService: async () => {
      throw new Error('this test gives the app no hosts service (deps.loadHostsService)');
    },
    answerSsh: () => undefined,
    now: () => Date.now(),
    fleet: fakeFleetDeps(),
    handOver: (work) => work({ stdin: process.stdin, stdout: process.stdout }),
  };
}

/**
 * Renders the whole app over a store built from `deps`, optionally starting from `state`. The
 * default fleet is fakeFleetDeps(): every host answers with no deployments, and time stands still.
 */
export function renderApp(options: { deps?: Partial<AppDeps>; state?: Partial<AppState>; colour?: boolean; columns?: number; rows?: number } = {}) {
  const store: AppStore = createAppStore({ ...fakeAppDeps(), ...options.deps });
  if (options.state) store.setState(options.state);
  const view = render(<App store={store} colour={options.colour ?? false} />);
  // ink-testing-library's terminal is 100 columns and has no rows (the app takes 24): a size asked for
  // is given to it and announced as a resize, as a terminal does.
  if (options.columns !== undefined || options.rows !== undefined) {
    if (options.columns !== undefined) Object.defineProperty(view.stdout, 'columns', { value: options.columns, configurable: true });
    if (options.rows !== undefined) Object.defineProperty(view.stdout, 'rows', { value: options.rows, configurable: true });
    view.stdout.emit('resize');
  }
  return {
    ...view,
    store,
    /** Sends keys and lets Ink process them. */
    press: async (...keys: string[]) => {
      for (const key of keys) {
        view.stdin.write(key);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    frame: () => view.lastFrame() ?? '',
  };
}

/** Polls until `check` passes (it throws until then), failing after `timeoutMs`. */
export async function waitFor(check: () => void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
