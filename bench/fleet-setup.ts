// The pieces bench/fleet.ts measures with: the latency proxy as a child process, an ssh config for the
// proxied hosts, fresh pools, OpenSSH runs, medians and the machine's CPU counters.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { KnownHost } from '../src/platform/config/inventory.js';
import { cliInteraction } from '../src/platform/ssh/interaction.js';
import { createSshPool, type SshPool } from '../src/platform/ssh/ssh-pool.js';
import type { LabHost, LabManifest } from '../test/support/lab.js';

export const workDir = mkdtempSync(join(tmpdir(), 'hl-bench-fleet-'));

/** Starts bench/latency-proxy.ts for `hosts`; resolves with the child and each host's local port. */
export async function startLatencyProxy(hosts: LabHost[], delayMs: number): Promise<{ child: ChildProcess; ports: Map<string, number> }> {
  const child = spawn('node', ['--import', 'tsx', 'bench/latency-proxy.ts', String(delayMs), ...hosts.map((h) => `${h.address}:${h.port}`)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await Promise.race([
    (async () => {
      for await (const l of createInterface({ input: child.stdout as NodeJS.ReadableStream })) return [l];
      return [''];
    })(),
    new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('latency proxy did not start in 20 s')), 20_000)),
  ]);
  const parsed = JSON.parse(line ?? '') as { targets: Array<{ target: string; port: number }> };
  const ports = new Map(parsed.targets.map((t) => [t.target, t.port]));
  return { child, ports };
}

/**
 * An ssh config with two aliases per host for `user`: `lat-<name>` through the proxy and `dir-<name>`
 * straight to the host. HostKeyAlias keeps the lab's known_hosts valid (its lines name the lab alias),
 * for our client and for OpenSSH alike.
 */
export function benchSshConfig(lab: LabManifest, hosts: LabHost[], ports: Map<string, number>, user: string): string {
  const file = join(workDir, `ssh_config.${user}`);
  const block = (alias: string, host: LabHost, address: string, port: number): string =>
    [
      `Host ${alias}`,
      `  HostName ${address}`,
      `  Port ${port}`,
      `  User ${user}`,
      `  IdentityFile ${lab.ssh.privateKey}`,
      '  IdentitiesOnly yes',
      `  HostKeyAlias ${host.alias}`,
      `  UserKnownHostsFile ${lab.ssh.knownHosts}`,
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '',
    ].join('\n');
  const blocks = hosts.flatMap((h) => [
    block(`lat-${h.name}`, h, '127.0.0.1', ports.get(`${h.address}:${h.port}`) ?? 0),
    block(`dir-${h.name}`, h, h.address, h.port),
  ]);
  writeFileSync(file, blocks.join('\n'));
  return file;
}

/** A pool like the CLI's, on the given ssh config, with nothing from this machine's ~/.ssh. */
export function benchPool(sshConfigFile: string): Promise<SshPool> {
  return createSshPool({
    appKnownHostsFile: join(workDir, 'known_hosts'),
    userKnownHostsFiles: [],
    sshConfigFile,
    interaction: cliInteraction({ acceptNewHostKey: false }),
    agentSocket: null,
    home: workDir,
    settings: { connectTimeoutSeconds: 20, commandTimeoutSeconds: 60 },
  });
}

/** An inventory host that is an ssh config alias. */
export function aliasHost(alias: string): KnownHost {
  return { kind: 'ssh', name: alias, address: alias, tags: [] };
}

/** Wall time of `ssh -F config alias true` (a fresh OpenSSH connection each time). */
export function timeOpenSsh(sshConfigFile: string, alias: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) =>
    execFile('ssh', ['-F', sshConfigFile, alias, 'true'], { timeout: 30_000 }, (error) => (error ? reject(error) : resolve(performance.now() - start))),
  );
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Busy and total jiffies of the whole machine (/proc/stat), to show how loaded the CPUs were. */
export function cpuTicks(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}
