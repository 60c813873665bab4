import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/platform/errors.js';
import { TargetLock } from '../../../../src/platform/operation/target-lock.js';
import { LocalRunner } from '../../../../src/platform/runner/local-runner.js';

const runner = new LocalRunner();

describe('TargetLock', () => {
  it('lets one holder in, refuses the next with who holds it, and frees on release', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'hl-lock-')), 'locks');
    const first = await TargetLock.acquire(runner, 'app1', 'install', { dir });
    const owner = JSON.parse(await readFile(join(dir, 'app1.lock', 'owner.json'), 'utf8')) as { pid: number; operation: string };
    expect(owner).toMatchObject({ pid: process.pid, operation: 'install' });
    const refused = await TargetLock.acquire(runner, 'app1', 'update', { dir }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toMatch(/"app1" on local is locked by .+ \(pid \d+, install, since /);
    expect((refused as UserError).hint).toContain('--force-unlock');
    await first.release();
    await expect(stat(join(dir, 'app1.lock'))).rejects.toThrow();
    const again = await TargetLock.acquire(runner, 'app1', 'update', { dir });
    await again.release();
  });

  it('only one of many racing acquirers wins', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'hl-lock-')), 'locks');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => TargetLock.acquire(runner, 'app1', 'install', { dir })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('takes over a stale lock with force', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'hl-lock-')), 'locks');
    await TargetLock.acquire(runner, 'app1', 'install', { dir });
    const forced = await TargetLock.acquire(runner, 'app1', 'install', { dir, force: true });
    await forced.release();
  });
});
