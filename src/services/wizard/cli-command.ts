import { showCommand } from '../../platform/show-command.js';

/** What the wizard decided, as the CLI takes it. */
export interface RepeatableInstall {
  app: string;
  host: string;
  provider: string;
  name: string;
  /** Non-secret answers that differ from the recipe's defaults, by question id. */
  values: Readonly<Record<string, string>>;
}

/**
 * The one-line command that repeats an install unattended: `--set` for every answer that is not the
 * recipe's default, never a secret (generated ones are generated again; typed ones must be added).
 * `globalArgs` are the app's own --config-dir / --ssh-config, so the command finds the same files.
 */
export function installCommandLine(install: RepeatableInstall, appId: string, globalArgs: readonly string[] = []): string {
  const argv = ['homelab-tui', ...globalArgs, 'install', install.app, '--host', install.host, '--provider', install.provider];
  if (install.name !== appId) argv.push('--name', install.name);
  for (const [id, value] of Object.entries(install.values)) argv.push('--set', `${id}=${value}`);
  argv.push('--yes');
  return showCommand(argv);
}
