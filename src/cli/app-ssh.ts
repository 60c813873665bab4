import { recordingInteraction, type SshInteraction } from '../platform/ssh/interaction.js';
import type { SshPool } from '../platform/ssh/ssh-pool.js';
import type { CliContext } from './context.js';
import { sshPoolOptions } from './pool-options.js';

/**
 * The full-screen app's one SSH pool, shared by the dashboard and the wizard, so a host they both use
 * has one connection. It opens on first use (after the first frame). Who answers the SSH layer's
 * questions (a new host key, a passphrase) is set by whoever can ask the user: the store, once the
 * app starts (its dialogs); until then new host keys are refused, as in the CLI.
 */
export interface AppSsh {
  pool(): Promise<SshPool>;
  answerWith(interaction: SshInteraction): void;
  /** Hosts whose new key was accepted in this session (host checks report them as `accepted`). */
  accepted: ReadonlySet<string>;
  /** Closes the pool if it was opened. */
  close(): Promise<void>;
}

const NOBODY: SshInteraction = {
  confirmNewHostKey: async () => false,
  askPassphrase: async () => undefined,
};

export function createAppSsh(ctx: CliContext): AppSsh {
  let answerer = NOBODY;
  const { interaction, accepted } = recordingInteraction({
    confirmNewHostKey: (request) => answerer.confirmNewHostKey(request),
    askPassphrase: (request) => answerer.askPassphrase(request),
  });
  let opening: Promise<SshPool> | undefined;
  const open = async (): Promise<SshPool> => {
    const [{ loadInventory }, { loadSettings }, { createSshPool }] = await Promise.all([
      import('../platform/config/inventory.js'),
      import('../platform/config/settings.js'),
      import('../platform/ssh/ssh-pool.js'),
    ]);
    const [inventory, settings] = await Promise.all([loadInventory(ctx.paths.hostsFile), loadSettings(ctx.paths.settingsFile)]);
    return createSshPool(sshPoolOptions(ctx, settings, inventory.hosts, interaction));
  };
  return {
    pool: () => (opening ??= open()),
    accepted,
    answerWith: (next) => {
      answerer = next;
    },
    close: async () => {
      const pool = await opening?.catch(() => undefined);
      await pool?.close();
    },
  };
}
