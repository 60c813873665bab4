import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Settings } from '../platform/config/settings.js';
import type { CliContext } from './context.js';

/**
 * The ssh config file a command reads: `--ssh-config` when given, else settings.yaml's `sshConfig`
 * (`~/` the home directory, a relative path from settings.yaml's folder), else undefined, which means
 * ~/.ssh/config.
 */
export function sshConfigFile(ctx: Pick<CliContext, 'sshConfigFile' | 'paths'>, settings: Pick<Settings, 'sshConfig'>): string | undefined {
  if (ctx.sshConfigFile) return ctx.sshConfigFile;
  const setting = settings.sshConfig;
  if (!setting) return undefined;
  if (setting === '~') return homedir();
  if (setting.startsWith('~/')) return join(homedir(), setting.slice(2));
  return isAbsolute(setting) ? setting : resolve(dirname(ctx.paths.settingsFile), setting);
}
