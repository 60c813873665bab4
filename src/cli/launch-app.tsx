import { enterAlternateScreen } from './alternate-screen.js';
import { createAppDeps } from './app-deps.js';
import type { CliContext } from './context.js';
import { pacedStdin } from './paced-stdin.js';

/** Composition root of the full-screen app: builds the store from services and renders it with Ink. */
export async function launchApp(ctx: CliContext): Promise<void> {
  const colour = !process.env.NO_COLOR;
  // chalk decides at import time; NO_COLOR must reach it before Ink is loaded.
  if (!colour) process.env.FORCE_COLOR = '0';
  const [{ render }, { App }, { createAppStore }] = await withoutFetch(() =>
    Promise.all([import('ink'), import('../screens/App.js'), import('../store/app-store.js')]),
  );
  const deps = createAppDeps(ctx);
  const store = createAppStore(deps);
  const restore = enterAlternateScreen(process.stdout);
  try {
    const instance = render(<App store={store} colour={colour} />, {
      stdin: pacedStdin(process.stdin),
      exitOnCtrlC: false,
      patchConsole: true,
      maxFps: 15,
    });
    await instance.waitUntilExit();
  } finally {
    restore();
    await deps.close();
  }
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
