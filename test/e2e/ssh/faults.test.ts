// Faults on real links and sshd: a link that dies mid-command gives a CommandError (not a hang) and
// the next command reconnects; a restarted sshd is reconnected to; abort and timeout end the remote
// process itself; commands share one connection and respect the channel limit.
import { afterEach, describe, expect, it } from 'vitest';
import { CommandError } from '../../../src/platform/errors.js';
import type { ConnectionStatus } from '../../../src/platform/ssh/connection-state.js';
import type { SshPool } from '../../../src/platform/ssh/ssh-pool.js';
import { eventually, labFaults, labHost, sshRun } from '../../support/lab.js';
import { acceptedLogins, labPool, viaAlias } from './ssh-lab.js';

const bare = viaAlias('bare');
let pool: SshPool | undefined;
let linkIsDown = false;

afterEach(async () => {
  if (linkIsDown) await labFaults.linkUp('bare');
  linkIsDown = false;
  await pool?.close();
  pool = undefined;
});

/** A pool that notices a dead link in about 2 s (1 s keepalive, 2 misses) and records state changes. */
async function watchedPool(): Promise<{ pool: SshPool; statuses: ConnectionStatus[] }> {
  const created = await labPool({ settings: { keepaliveSeconds: 1, connectTimeoutSeconds: 3, channelsPerHost: 4 }, keepaliveCountMax: 2, backoff: { baseMs: 200, capMs: 1000 } });
  const statuses: ConnectionStatus[] = [];
  created.subscribe((s) => {
    if (s.host === bare.name) statuses.push(s.status);
  });
  pool = created;
  return { pool: created, statuses };
}

/** How many processes on bare have `marker` in their command line (seen through OpenSSH, not our runner). */
async function remoteProcesses(marker: string): Promise<number> {
  // Anchored at the start: the sh -c that runs the marker and grep itself do not count.
  const res = await sshRun('bare', `ps -eo args | grep -c '^${marker}$' || true`);
  return Number(res.stdout.trim());
}

describe('faults on the lab', () => {
  it('link down mid-command: a CommandError within the keepalive time, then the next command reconnects', async () => {
    const { pool, statuses } = await watchedPool();
    const runner = pool.runnerFor(bare);
    expect((await runner.run({ argv: ['true'] })).exitCode).toBe(0);
    const started = Date.now();
    const pending = runner.run({ argv: ['sleep', '60'], timeoutMs: 120_000 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    await labFaults.linkDown('bare');
    linkIsDown = true;
    const error = await pending;
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ exitCode: null, host: bare.name });
    expect((error as CommandError).message).toContain('connection lost');
    // Far inside the command's own 120 s timeout: the keepalive found the dead link.
    expect(elapsed).toBeLessThan(30_000);
    expect(pool.getSnapshot()[bare.name]?.status).toBe('stale');

    await labFaults.linkUp('bare');
    linkIsDown = false;
    const after = await runner.run({ argv: ['hostname'] });
    expect(after.stdout.trim()).toBe(labHost('bare').alias);
    expect(statuses).toEqual(expect.arrayContaining(['connected', 'stale', 'connecting']));
    expect(statuses.at(-1)).toBe('connected');
  });

  it('a command while the link is down fails as unreachable within the connect timeout, not a hang', async () => {
    const { pool } = await watchedPool();
    await labFaults.linkDown('bare');
    linkIsDown = true;
    const started = Date.now();
    const error = await pool.runnerFor(bare).run({ argv: ['true'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'unreachable' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(pool.getSnapshot()[bare.name]?.status).toBe('unreachable');
  });

  it('sshd stopped and started again: commands fail fast while it is down, then the runner reconnects', async () => {
    const { pool, statuses } = await watchedPool();
    const runner = pool.runnerFor(bare);
    await runner.run({ argv: ['true'] });
    await labFaults.stopSshd('bare');
    try {
      // Stopping sshd leaves established sessions alone (OpenSSH keeps per-connection processes), so
      // drop ours the way a reboot would: the link goes away until the keepalive gives up on it.
      await labFaults.linkDown('bare');
      linkIsDown = true;
      await eventually('the pool to see the drop', async () => pool.getSnapshot()[bare.name]?.status === 'stale', 15_000, 100);
      await labFaults.linkUp('bare');
      linkIsDown = false;
      const refused = await runner.run({ argv: ['true'] }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ reason: 'unreachable' });
      expect((refused as Error).message).toContain('refused');
    } finally {
      await labFaults.startSshd('bare');
    }
    const result = await runner.run({ argv: ['hostname'] });
    expect(result.stdout.trim()).toBe(labHost('bare').alias);
    expect(statuses.slice(-4)).toEqual(['connecting', 'unreachable', 'connecting', 'connected']);
  });

  it('aborting a stream ends the remote process group, not just our channel', async () => {
    const { pool } = await watchedPool();
    const marker = `sleep 31${process.pid % 1000}`;
    const controller = new AbortController();
    const lines: string[] = [];
    // A shell that runs a child: only a signal to the whole process group ends both.
    for await (const line of pool.runnerFor(bare).stream({ argv: ['sh', '-c', `echo started; ${marker}; echo never`], signal: controller.signal })) {
      lines.push(line.line);
      expect(await remoteProcesses(marker)).toBe(1);
      controller.abort();
    }
    expect(lines).toEqual(['started']);
    await eventually('the remote sleep to end', async () => (await remoteProcesses(marker)) === 0, 5_000, 100);
  });

  it('a run() that times out reports timedOut and ends the remote process', async () => {
    const { pool } = await watchedPool();
    const marker = `sleep 32${process.pid % 1000}`;
    const result = await pool.runnerFor(bare).run({ argv: ['sh', '-c', `echo partial; ${marker}`], timeoutMs: 1_500 });
    expect(result).toMatchObject({ exitCode: null, timedOut: true });
    await eventually('the remote sleep to end', async () => (await remoteProcesses(marker)) === 0, 5_000, 100);
  });

  it('breaking out of a stream early also ends the remote process', async () => {
    const { pool } = await watchedPool();
    const marker = `sleep 33${process.pid % 1000}`;
    for await (const line of pool.runnerFor(bare).stream({ argv: ['sh', '-c', `echo one; ${marker}`] })) {
      expect(line.line).toBe('one');
      break;
    }
    await eventually('the remote sleep to end', async () => (await remoteProcesses(marker)) === 0, 5_000, 100);
  });

  it('runs many commands over one login, never more at once than the channel limit', async () => {
    const { pool } = await watchedPool();
    const runner = pool.runnerFor(bare);
    const log = `/tmp/hl-ssh-e2e-overlap-${process.pid}`;
    await runner.run({ argv: ['rm', '-f', log] });
    const logins = acceptedLogins('bare');
    // Each command sleeps long enough that four of them always overlap.
    const script = 'echo + >> "$1"; sleep 1; echo - >> "$1"';
    const results = await Promise.all(Array.from({ length: 12 }, () => runner.run({ argv: ['sh', '-c', script, 'sh', log] })));
    expect(results.every((r) => r.exitCode === 0)).toBe(true);
    const events = (await runner.run({ argv: ['cat', log] })).stdout.trim().split('\n');
    let running = 0;
    let peak = 0;
    for (const event of events) {
      running += event === '+' ? 1 : -1;
      peak = Math.max(peak, running);
    }
    expect(events).toHaveLength(24);
    expect(peak).toBe(4);
    // Every command above went over the connection that already existed.
    expect(acceptedLogins('bare')).toBe(logins);
    await runner.run({ argv: ['rm', '-f', log] });
  });
});
