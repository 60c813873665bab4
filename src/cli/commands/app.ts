import { EXIT_USAGE } from '../present-error.js';
import type { CommandAction } from '../program.js';

/** `homelab-tui` with no command: the full-screen app in a terminal, a pointer to subcommands elsewhere. */
export const openApp: CommandAction = async (ctx) => {
  if (!ctx.interactive) {
    process.stderr.write(
      'homelab-tui: the full-screen app needs a terminal (stdin and stdout are not both a TTY).\n' +
        'hint: use a subcommand instead, for example `homelab-tui hosts list --json`; see `homelab-tui --help`\n',
    );
    ctx.exitCode = EXIT_USAGE;
    return;
  }
  const { launchApp } = await import('../launch-app.js');
  await launchApp(ctx);
};
