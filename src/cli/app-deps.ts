import { existsSync } from 'node:fs';
import { systemClock } from '../platform/clock.js';
import type { AppDeps } from '../store/app-store.js';
import type { AppSsh } from './app-ssh.js';
import type { CliContext } from './context.js';

/**
 * The app's services, each loaded when first needed: the first frame draws before YAML, zod, the
 * catalog or SSH are loaded. The wizard works over the app's shared SSH pool (`ssh`).
 */
export function createAppDeps(ctx: CliContext, ssh: AppSsh): Omit<AppDeps, 'fleet' | 'handOver'> {
  return {
    loadHosts: async () => {
      const { allHosts, loadInventory } = await import('../platform/config/inventory.js');
      return allHosts(await loadInventory(ctx.paths.hostsFile)).map((h) => ({
        name: h.name,
        kind: h.kind,
        address: h.kind === 'ssh' ? h.address : '',
      }));
    },
    // A first run: no inventory file and no deployment seen on this machine yet.
    isFirstRun: async () => {
      if (existsSync(ctx.paths.hostsFile)) return false;
      const { cachedDeployments } = await import('../services/lifecycle/deployment-cache.js');
      return (await cachedDeployments(ctx.paths.cacheDir)).length === 0;
    },
    loadWizard: async (ui) => {
      const { loadWizardBackend } = await import('./app-wizard.js');
      return loadWizardBackend(ctx, ui, ssh);
    },
    loadHostsService: async () => {
      const [{ createHostsService }, { loadSettings }] = await Promise.all([import('../services/hosts/hosts-service.js'), import('../platform/config/settings.js')]);
      const [settings, pool] = await Promise.all([loadSettings(ctx.paths.settingsFile), ssh.pool()]);
      return createHostsService({
        hostsFile: ctx.paths.hostsFile,
        cacheDir: ctx.paths.cacheDir,
        runnerFor: (host) => pool.runnerFor(host),
        accepted: ssh.accepted,
        probeTimeoutMs: settings.commandTimeoutSeconds * 1000,
        clock: systemClock,
        onChange: (inventory) => pool.setInventoryHosts(inventory.hosts),
      });
    },
    answerSsh: (ui) => ssh.answerWith(ui),
    now: () => systemClock.now(),
  };
}
