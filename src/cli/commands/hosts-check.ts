import { loadSettings } from '../../platform/config/settings.js';
import { UserError } from '../../platform/errors.js';
import { checkHosts } from '../../services/hosts/check-hosts.js';
import { allHosts, findHost, loadInventory } from '../../platform/config/inventory.js';
import { cliInteraction, recordingInteraction } from '../../platform/ssh/interaction.js';
import { createSshPool } from '../../platform/ssh/ssh-pool.js';
import { sshPoolOptions } from '../pool-options.js';
import { EXIT_FAILED } from '../present-error.js';
import type { CommandAction } from '../program.js';
import { formatHostChecks } from './format-host-checks.js';

/** `hosts check`: probe hosts in parallel through one pool; exit 1 when any fails. */
export const checkHostsCommand: CommandAction = async (ctx, args, options) => {
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    throw new UserError(`--concurrency: "${String(options.concurrency)}" is not a number from 1 to 256`);
  }
  const inventory = await loadInventory(ctx.paths.hostsFile);
  const hosts = args.length > 0 ? args.map((name) => findHost(inventory, name)) : allHosts(inventory);
  const settings = await loadSettings(ctx.paths.settingsFile);
  // The CLI never waits for an answer: a new host key is trusted only with the flag.
  const { interaction, accepted } = recordingInteraction(cliInteraction({ acceptNewHostKey: options.acceptNewHostKey === true }));
  const pool = await createSshPool(sshPoolOptions(ctx, settings, inventory.hosts, interaction));
  try {
    const results = await checkHosts(hosts, {
      runnerFor: (host) => pool.runnerFor(host),
      concurrency,
      accepted,
      probeTimeoutMs: settings.commandTimeoutSeconds * 1000,
      cacheDir: ctx.paths.cacheDir,
    });
    if (options.json) ctx.printJson(results);
    else ctx.print(formatHostChecks(results));
    if (results.some((r) => !r.ok)) ctx.exitCode = EXIT_FAILED;
  } finally {
    await pool.close();
  }
};
