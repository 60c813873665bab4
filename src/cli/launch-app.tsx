import { systemClock } from '../platform/clock.js';
import { enterAlternateScreen } from './alternate-screen.js';
import { createAppDeps } from './app-deps.js';
import { createAppSsh } from './app-ssh.js';
import type { CliContext } from './context.js';
import { INK_OPTIONS } from './ink-options.js';
import { lazyFleetDeps } from './lazy-fleet-deps.js';
import { copyWithOsc52 } from './osc52.js';
import { pacedStdin } from './paced-stdin.js';
import { terminalHandOver } from './terminal-handover.js';

let loading: ReturnType<typeof loadApp> | undefined;

function loadApp() {
  // chalk decides at import time; NO_COLOR must reach it before Ink is loaded.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  return withoutFetch(() => Promise.all([import('ink'), import('../screens/App.js'), import('../store/app-store.js')]));
}

/**
 * Starts loading Ink, the screens and the store (once): main calls it as soon as argv says the app is
 * wanted, so they load while the command parser is built instead of after it.
 */
export function preloadApp(): ReturnType<typeof loadApp> {
  loading ??= loadApp();
  return loading;
}

/** Composition root of the full-screen app: builds the store from services and renders it with Ink. */
export async function launchApp(ctx: CliContext): Promise<void> {
  const colour = !process.env.NO_COLOR;
  const [{ render }, { App }, { createAppStore }] = await preloadApp();
  const copyText = (text: string): boolean => copyWithOsc52(process.stdout, text);
  let closeFleet: (() => Promise<void>) | undefined;
  // One SSH pool for the dashboard and the wizard: one connection per host.
  const ssh = createAppSsh(ctx);
  const fleet = lazyFleetDeps(
    async () => {
      const { openAppFleet } = await import('./app-fleet.js');
      const opened = await openAppFleet(ctx, copyText, await ssh.pool());
      closeFleet = opened.close;
      return opened;
    },
    { clock: systemClock, copyText, onLoadError: (error) => ctx.logger.error('the fleet could not be opened', { error: String(error) }) },
  );
  const input = pacedStdin(process.stdin);
  const handOver = terminalHandOver({ input, stdin: process.stdin, stdout: process.stdout, frameMs: 1000 / INK_OPTIONS.maxFps + 20 });
  const deps = { ...createAppDeps(ctx, ssh), fleet, handOver };
  const store = createAppStore(deps);
  const restore = enterAlternateScreen(process.stdout);
  try {
    const instance = render(<App store={store} colour={colour} />, { ...INK_OPTIONS, stdin: input });
    await instance.waitUntilExit();
  } finally {
    // The terminal first, then the connections: closing aborts connects in flight, and quitting waits
    // for none of it longer than QUIT_GRACE_MS (a host that does not answer must not hold the exit).
    restore();
    store.getState().unwatchFleet();
    // A restore question left open holds a decrypted copy of its archive: it goes with the app.
    const pending = store.getState().confirm?.prepared?.discard?.();
    await settleWithin([pending, closeFleet?.(), ssh.close()], QUIT_GRACE_MS);
    exitSoon();
  }
}

/** How long quitting waits for connections to close before the process ends anyway. */
const QUIT_GRACE_MS = 250;

async function settleWithin(closing: readonly (Promise<void> | undefined)[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(closing), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * After the app closed everything it could: if anything still holds the event loop (a socket a library
 * keeps, a kill script on a slow host), the process ends shortly anyway; the timer itself holds nothing.
 */
function exitSoon(): void {
  setTimeout(() => process.exit(), 100).unref();
}

/**
 * Ink's layout engine (yoga, WebAssembly) loads its binary with fetch() on a data: URL when fetch
 * exists, which makes Node load its whole HTTP client (undici) first; without fetch it decodes the
 * same bytes directly. Hiding fetch while Ink loads saves that work at start-up.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!descriptor?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}
