import type { Settings } from '../platform/config/settings.js';
import type { Host } from '../platform/config/inventory.js';
import type { SshInteraction } from '../platform/ssh/interaction.js';
import type { SshPoolOptions } from '../platform/ssh/ssh-pool.js';
import type { CliContext } from './context.js';
import { sshConfigFile } from './ssh-config-file.js';

/** The SSH pool's options as every command and the app set them: the paths and logger of `ctx`. */
export function sshPoolOptions(ctx: CliContext, settings: Settings, hosts: readonly Host[], interaction: SshInteraction): SshPoolOptions {
  const configFile = sshConfigFile(ctx, settings);
  return {
    appKnownHostsFile: ctx.paths.knownHostsFile,
    interaction,
    settings,
    hosts,
    ...(configFile ? { sshConfigFile: configFile } : {}),
    logger: ctx.logger,
  };
}
