// SSH for the lab: one generated client key, an ed25519 host key and an sshd per host (public-key
// only), a known_hosts with every host key and an ssh_config with one alias per host.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostContext } from './host-anchor.js';
import { startDaemon } from './host-anchor.js';
import type { PlannedHost } from './host-plan.js';
import type { LabState, ProcessRecord } from './lab-state.js';
import { run } from './shell.js';

export interface SshFiles {
  dir: string;
  privateKey: string;
  publicKey: string;
  authorizedKeys: string;
  knownHosts: string;
  config: string;
}

export function sshFiles(stateDir: string): SshFiles {
  const dir = join(stateDir, 'ssh');
  return {
    dir,
    privateKey: join(dir, 'id_ed25519'),
    publicKey: join(dir, 'id_ed25519.pub'),
    authorizedKeys: join(dir, 'authorized_keys'),
    knownHosts: join(dir, 'known_hosts'),
    config: join(dir, 'ssh_config'),
  };
}

export function createClientKey(files: SshFiles): void {
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  if (!existsSync(files.privateKey)) run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'homelab-tui-lab', '-f', files.privateKey]);
  writeFileSync(files.authorizedKeys, readFileSync(files.publicKey), { mode: 0o600 });
}

/** Generates the host key (kept across restarts of sshd) and returns its public line. */
export function hostKey(host: HostContext): { path: string; line: string } {
  const path = join(host.dir, 'ssh_host_ed25519_key');
  if (!existsSync(path)) run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', host.hostname, '-f', path]);
  const [type, key] = readFileSync(`${path}.pub`, 'utf8').trim().split(/\s+/);
  return { path, line: `${type} ${key}` };
}

export function writeSshdConfig(host: HostContext, planned: PlannedHost, files: SshFiles, keyPath: string, env: Record<string, string>): string {
  const config = join(host.dir, 'sshd_config');
  const setEnv = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ');
  writeFileSync(
    config,
    [
      `# homelab-tui lab sshd for ${host.hostname}`,
      'Port 22',
      `ListenAddress ${planned.address}`,
      `HostKey ${keyPath}`,
      `PidFile ${join(host.dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${files.authorizedKeys}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'StrictModes no',
      'AllowTcpForwarding yes',
      // Fleet tests open many sessions at once.
      'MaxStartups 200:30:400',
      'MaxSessions 100',
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      ...(setEnv ? [`SetEnv ${setEnv}`] : []),
      '',
    ].join('\n'),
  );
  return config;
}

export function startSshd(state: LabState, stateDir: string, host: HostContext, config: string): Promise<ProcessRecord> {
  rmSync(join(host.dir, 'sshd.pid'), { force: true });
  mkdirSync('/run/sshd', { recursive: true });
  return startDaemon(state, stateDir, host, 'sshd', ['/usr/sbin/sshd', '-D', '-e', '-f', config]);
}

export function sshdReady(host: HostContext): boolean {
  return existsSync(join(host.dir, 'sshd.pid'));
}

export function writeClientFiles(files: SshFiles, hosts: { alias: string; address: string; hostKey: string; proxyJumpAlias?: string }[]): void {
  writeFileSync(files.knownHosts, hosts.map((h) => `${h.alias},${h.address} ${h.hostKey}\n`).join(''));
  const blocks = hosts.map((h) =>
    [
      `Host ${h.alias}`,
      `  HostName ${h.address}`,
      '  Port 22',
      '  User root',
      `  IdentityFile ${files.privateKey}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${files.knownHosts}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '  ConnectTimeout 5',
      '  LogLevel ERROR',
      ...(h.proxyJumpAlias ? [`  ProxyJump ${h.proxyJumpAlias}`] : []),
      '',
    ].join('\n'),
  );
  writeFileSync(files.config, `# homelab-tui lab: use with ssh -F ${files.config} <alias>\n\n${blocks.join('\n')}`);
}
