import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { KnownHost } from '../platform/config/inventory.js';
import { parseSshConfig, resolveTarget } from '../platform/ssh/ssh-target.js';
import type { Settings } from '../platform/config/settings.js';
import type { CliContext } from './context.js';
import { sshConfigFile } from './ssh-config-file.js';

/**
 * The address this machine uses for a host, as ssh connects to it: an ~/.ssh/config alias becomes
 * its HostName, `local` is 127.0.0.1. URLs and "does this name resolve to the host" are built from it.
 */
export async function hostAddress(ctx: CliContext, settings: Pick<Settings, 'sshConfig'>): Promise<(host: KnownHost) => string> {
  const configText = await readFile(sshConfigFile(ctx, settings) ?? join(homedir(), '.ssh', 'config'), 'utf8').catch(() => '');
  const resolveContext = { config: parseSshConfig(configText), home: homedir(), localUser: userInfo().username };
  return (host) => (host.kind === 'local' ? '127.0.0.1' : resolveTarget(host, resolveContext).hostName);
}
