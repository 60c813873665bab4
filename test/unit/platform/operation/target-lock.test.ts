import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/platform/errors.js';
import { thisHolder, type Holder } from '../../../../src/platform/operation/holder.js';
import { HEARTBEAT_EXPIRY_MS, judgeLock, readLock, removeLock, TargetLock, type LockOwner } from '../../../../src/platform/operation/target-lock.js';
import { LocalRunner } from '../../../../src/platform/runner/local-runner.js';
import { FakeClock } from '../../../support/fake-clock.js';

const runner = new LocalRunner();
const holder = thisHolder('1.2.3');
const clock = new FakeClock(Date.parse('2026-12-05T10:00:00Z'));

async function lockDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'hl-lock-')), 'locks');
}

/** A holder on this machine whose process has ended (pid 2^22 + 1 is above Linux's pid_max). */
const goneHolder: Holder = { ...holder, pid: 4_194_305 };

describe('TargetLock', () => {
  it('lets one holder in, refuses the next with who holds it (operation, id, user@machine, pid, version, times), frees on release', async () => {
    const dir = await lockDir();
    const first = await TargetLock.acquire(runner, 'app1', { id: 'op-1', operation: 'install', holder, clock, dir });
    const owner = JSON.parse(await readFile(join(dir, 'app1.lock', 'owner.json'), 'utf8')) as LockOwner;
    expect(owner).toMatchObject({ id: 'op-1', pid: process.pid, operation: 'install', tool: '1.2.3', since: '2026-12-05T10:00:00.000Z', heartbeat: '2026-12-05T10:00:00.000Z' });
    const refused = await TargetLock.acquire(runner, 'app1', { id: 'op-2', operation: 'update', holder, clock, dir }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toMatch(/"app1" on local is locked by install op-1 by .+@.+ \(pid \d+, homelab-tui 1\.2\.3, since 2026-12-05T10:00:00\.000Z/);
    expect((refused as UserError).hint).toContain('wait for that operation');
    await first.release();
    await expect(stat(join(dir, 'app1.lock'))).rejects.toThrow();
    const again = await TargetLock.acquire(runner, 'app1', { id: 'op-3', operation: 'update', holder, clock, dir });
    await again.release();
  });

  it('only one of many racing acquirers wins', async () => {
    const dir = await lockDir();
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => TargetLock.acquire(runner, 'app1', { id: `op-${i}`, operation: 'install', holder, clock, dir })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    await (won[0] as PromiseFulfilledResult<TargetLock>).value.release();
  });

  it('a lock whose holder process has ended is stale: refused with the unlock command, taken over by the same operation id only', async () => {
    const dir = await lockDir();
    await TargetLock.acquire(runner, 'app1', { id: 'op-dead', operation: 'install', holder: goneHolder, clock, dir });
    const refused = (await TargetLock.acquire(runner, 'app1', { id: 'op-2', operation: 'install', holder, clock, dir }).catch((e: unknown) => e)) as UserError;
    expect(refused.message).toContain('which looks gone (process 4194305');
    expect(refused.hint).toBe('if nothing is still working on it: homelab-tui unlock app1 --host local --id op-dead');
    await expect(TargetLock.acquire(runner, 'app1', { id: 'op-3', operation: 'undo', holder, clock, dir, takeOver: 'op-other' })).rejects.toThrow('looks gone');
    const taken = await TargetLock.acquire(runner, 'app1', { id: 'op-4', operation: 'uninstall', holder, clock, dir, takeOver: 'op-dead' });
    expect((await readLock(runner, 'app1', clock, holder, dir))?.owner?.id).toBe('op-4');
    await taken.release();
  });

  it('a holder on another machine is stale only once its heartbeat expired; the heartbeat moves it on', async () => {
    const owner: LockOwner = { id: 'x', operation: 'install', user: 'ann', machine: 'elsewhere', pid: 1, tool: '1', since: '2026-12-05T10:00:00.000Z', heartbeat: '2026-12-05T10:00:00.000Z' };
    expect(judgeLock(owner, Date.parse(owner.heartbeat) + HEARTBEAT_EXPIRY_MS - 1, holder).stale).toBe(false);
    expect(judgeLock(owner, Date.parse(owner.heartbeat) + HEARTBEAT_EXPIRY_MS + 1_000, holder)).toMatchObject({ stale: true, staleReason: 'no heartbeat for 91 s' });
    const dir = await lockDir();
    const lock = await TargetLock.acquire(runner, 'app1', { id: 'op-1', operation: 'install', holder, clock, dir });
    clock.advance(30_000);
    await lock.heartbeat();
    expect((await readLock(runner, 'app1', clock, holder, dir))?.owner?.heartbeat).toBe('2026-12-05T10:00:30.000Z');
    await lock.release();
  });

  it('unlock removes only the lock with the id it was given', async () => {
    const dir = await lockDir();
    await TargetLock.acquire(runner, 'app1', { id: 'op-1', operation: 'install', holder: goneHolder, clock, dir });
    expect(await removeLock(runner, 'app1', 'op-9', dir)).toBe('other');
    expect(await removeLock(runner, 'app1', 'op-1', dir)).toBe('removed');
    expect(await removeLock(runner, 'app1', 'op-1', dir)).toBe('absent');
  });

  it('an owner file that is not JSON still means locked (never stale)', async () => {
    const dir = await lockDir();
    const lock = await TargetLock.acquire(runner, 'app1', { id: 'op-1', operation: 'install', holder, clock, dir });
    await writeFile(join(dir, 'app1.lock', 'owner.json'), 'garbage');
    expect(await readLock(runner, 'app1', clock, holder, dir)).toEqual({ stale: false });
    await expect(TargetLock.acquire(runner, 'app1', { id: 'op-2', operation: 'install', holder, clock, dir })).rejects.toThrow('locked by another operation');
    await lock.release();
  });
});
