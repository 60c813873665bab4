import { allHosts, loadInventory } from '../services/inventory.js';
import { enterAlternateScreen } from './alternate-screen.js';
import type { CliContext } from './context.js';

/** Composition root of the full-screen app: builds the store from services and renders it with Ink. */
export async function launchApp(ctx: CliContext): Promise<void> {
  const colour = !process.env.NO_COLOR;
  // chalk decides at import time; NO_COLOR must reach it before Ink is loaded.
  if (!colour) process.env.FORCE_COLOR = '0';
  const [{ render }, { App }, { createAppStore }] = await Promise.all([
    import('ink'),
    import('../screens/App.js'),
    import('../store/app-store.js'),
  ]);
  const store = createAppStore({
    loadHosts: async () =>
      allHosts(await loadInventory(ctx.paths.hostsFile)).map((h) => ({
        name: h.name,
        kind: h.kind,
        address: h.kind === 'ssh' ? h.address : '',
      })),
  });
  const restore = enterAlternateScreen(process.stdout);
  try {
    const instance = render(<App store={store} colour={colour} />, {
      exitOnCtrlC: false,
      patchConsole: true,
      maxFps: 15,
    });
    await instance.waitUntilExit();
  } finally {
    restore();
  }
}
