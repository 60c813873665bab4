// The fault helpers do what they say: a link goes down and comes back, sshd stops and starts,
// latency shows in round trips, and a data disk fills up.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { labFaults, labHost, sshRun } from '../../support/lab.js';

describe('lab faults', () => {
  afterEach(async () => {
    await labFaults.linkUp('bare');
    await labFaults.clearLatency('bare');
    await labFaults.clearSshLatency('bare');
    await labFaults.clearLoss('bare');
    await labFaults.startSshd('bare');
    await labFaults.freeDisk('bare');
  });

  it('takes a link down and up', async () => {
    await labFaults.linkDown('bare');
    const down = await sshRun('bare', 'true', { timeoutMs: 20_000 });
    expect(down.exitCode).toBe(255);
    await labFaults.linkUp('bare');
    expect((await sshRun('bare', 'true')).exitCode).toBe(0);
  });

  it('stops and starts sshd', async () => {
    await labFaults.stopSshd('bare');
    const refused = await sshRun('bare', 'true');
    expect(refused.exitCode).toBe(255);
    expect(refused.stderr).toContain('Connection refused');
    await labFaults.startSshd('bare');
    expect((await sshRun('bare', 'true')).exitCode).toBe(0);
  });

  it('adds round-trip latency to SSH with the delay proxy, and clears it', async () => {
    const timed = async () => {
      const started = Date.now();
      expect((await sshRun('bare', 'true', { timeoutMs: 30_000 })).exitCode).toBe(0);
      return Date.now() - started;
    };
    const before = await timed();
    await labFaults.addSshLatency('bare', 200);
    const slow = await timed();
    // An SSH login takes several round trips; 200 ms each must show as at least a second more.
    expect(slow - before).toBeGreaterThan(1_000);
    await labFaults.clearSshLatency('bare');
    expect(await timed()).toBeLessThan(before + 500);
  });

  it('drops packets with the loss fault', async () => {
    await labFaults.setLoss('bare', 100);
    const lost = await sshRun('bare', 'true', { timeoutMs: 20_000 });
    expect(lost.exitCode).toBe(255);
    await labFaults.clearLoss('bare');
    expect((await sshRun('bare', 'true')).exitCode).toBe(0);
  });

  it('slows the link with the rate fault', async () => {
    await labFaults.limitRate('bare', 256);
    const started = Date.now();
    // 256 kbit/s: 128 KiB through the link take about four seconds.
    const res = await sshRun('bare', 'cat > /dev/null', { input: 'x'.repeat(128 * 1024), timeoutMs: 60_000 });
    expect(res.exitCode).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(1_000);
  });

  it('says clearly when the kernel has no netem', async () => {
    const netem = labFaults.addLatency('bare', 100);
    const hasNetem = existsSync('/proc/config.gz') && /CONFIG_NET_SCH_NETEM=[ym]/.test(execFileSync('zcat', ['/proc/config.gz'], { encoding: 'utf8' }));
    if (hasNetem) await expect(netem).resolves.toBeUndefined();
    else await expect(netem).rejects.toThrow('this kernel has no netem qdisc');
  });

  it('fills the data disk nearly full and frees it', async () => {
    const disk = labHost('bare').dataDisk;
    expect(disk).toBeDefined();
    await labFaults.fillDisk('bare', 97);
    const full = await sshRun('bare', `df -P ${disk?.path} | tail -1 | awk '{print $5}'`);
    expect(Number(full.stdout.trim().replace('%', ''))).toBeGreaterThanOrEqual(96);
    await labFaults.freeDisk('bare');
    const free = await sshRun('bare', `df -P ${disk?.path} | tail -1 | awk '{print $5}'`);
    expect(Number(free.stdout.trim().replace('%', ''))).toBeLessThan(5);
  });
});
