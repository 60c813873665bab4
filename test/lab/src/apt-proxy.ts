// Debian's apt-cacher-ng as the guests' apt proxy. It runs in the ROOT namespace (the only one with a
// way out: this machine reaches Debian's mirrors) and listens only on the pve host's root-side link
// address, which the guests reach through the pve host (their gateway, which forwards). Nothing else
// in the lab has a route out. Its cache is per machine, outside the clone, so a fresh CI clone on the
// same machine downloads each package once; one cache directory per lab prefix (two apt-cacher-ng
// daemons must not write the same cache).
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labCacheDir } from './debian-template.js';
import type { LabState } from './lab-state.js';
import { saveState } from './lab-state.js';
import { recordProcess } from './processes.js';
import { attempt, waitFor } from './shell.js';

export const APT_PROXY_PORT = 3142;

/** Starts apt-cacher-ng on address:3142 (recorded by PID under host "pve"); returns its URL. */
export async function startAptProxy(state: LabState, stateDir: string, prefix: string, address: string): Promise<string> {
  const dir = join(stateDir, 'apt-proxy');
  const cache = join(labCacheDir(), 'apt-cacher-ng', prefix);
  for (const d of [dir, cache]) mkdirSync(d, { recursive: true });
  // A config of its own: the package's /etc/apt-cacher-ng remaps Debian to the backend its postinst
  // chose (ftp.debian.org, which this machine cannot reach); with no remap it fetches from the host
  // each URL names (deb.debian.org, security.debian.org), as the guest's sources say.
  const confDir = join(dir, 'conf');
  mkdirSync(confDir, { recursive: true });
  writeFileSync(
    join(confDir, 'acng.conf'),
    [
      `CacheDir: ${cache}`,
      `LogDir: ${dir}`,
      'SupportDir: /usr/lib/apt-cacher-ng',
      `BindAddress: ${address}`,
      `Port: ${APT_PROXY_PORT}`,
      `SocketPath: ${join(dir, 'socket')}`,
      `PidFile: ${join(dir, 'pid')}`,
      'ForeGround: 1',
      'ReportPage: acng-report.html',
      'ExThreshold: 4',
      '',
    ].join('\n'),
  );
  const log = openSync(join(dir, 'apt-cacher-ng.log'), 'a');
  const child = spawn('apt-cacher-ng', ['-c', confDir], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  if (child.pid === undefined) throw new Error('could not start apt-cacher-ng');
  recordProcess(state, 'apt-cacher-ng', 'pve', child.pid);
  saveState(stateDir, state);
  const url = `http://${address}:${APT_PROXY_PORT}`;
  await waitFor(`apt-cacher-ng on ${url}`, () => attempt('curl', ['-s', '-o', '/dev/null', '-m', '1', `${url}/acng-report.html`]), 10_000, 100);
  return url;
}
