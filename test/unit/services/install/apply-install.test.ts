import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordPath, listRecordsCommand } from '../../../../src/platform/deployments/record-store.js';
import { applyInstall } from '../../../../src/services/install/apply-install.js';
import { readHostCache } from '../../../../src/services/lifecycle/deployment-cache.js';
import { thisHolder } from '../../../../src/platform/operation/holder.js';
import { prepareInstall } from '../../../../src/services/install/prepare-install.js';
import type { OperationEvent } from '../../../../src/platform/operation/operation-events.js';
import { HostDouble, startFails } from './host-double.js';
import { stubDeps } from './stub-deps.js';

async function prepared(host: HostDouble, preflight: Parameters<typeof stubDeps>[1] = []) {
  const { deps } = await stubDeps(host, preflight);
  const cacheDir = mkdtempSync(join(tmpdir(), 'hl-cache-'));
  const operationsDir = mkdtempSync(join(tmpdir(), 'hl-ops-'));
  return { deps: { ...deps, cacheDir, operationsDir, holder: thisHolder('test') }, operationsDir, install: await prepareInstall({ app: 'labapp', host: 'lab', provider: 'compose', answers: {} }, deps) };
}

describe('applyInstall', () => {
  it('runs the plan under the deployment\'s lock, the record (with its journal) written before the first change, and caches what the host kept', async () => {
    const host = new HostDouble();
    const { deps, operationsDir, install } = await prepared(host);
    const events: OperationEvent[] = [];
    const result = await applyInstall(install, deps, { onEvent: (e) => events.push(e) });
    expect(result.status).toBe('succeeded');
    expect(host.commands).toEqual([
      'list records',
      'lock /var/lib/homelab-tui/locks/labapp.lock',
      // Record first: the record with the journal of its steps, before anything changes.
      'mkdir -p /var/lib/homelab-tui/deployments',
      `write ${recordPath('labapp')}`,
      'start-it labapp',
      // Step 1 done, in the journal.
      `write ${recordPath('labapp')}`,
      // The plan's record step writes the final record, without a journal.
      'mkdir -p /var/lib/homelab-tui/deployments',
      `write ${recordPath('labapp')}`,
      // Its history entry on the host, while the lock is still held.
      expect.stringMatching(/ sh \/var\/lib\/homelab-tui\/history\/labapp\/\d{8}T\d{6}Z-install-labapp\.json 200$/),
      'unlock /var/lib/homelab-tui/locks/labapp.lock',
      'list records',
    ]);
    expect(host.files.get(recordPath('labapp'))).not.toContain('"operation"');
    expect(result.record).toMatchObject({ name: 'labapp', refs: { project: 'labapp' } });
    expect((await readHostCache(deps.cacheDir, 'lab'))?.records.map((r) => r.name)).toEqual(['labapp']);
    expect(result.logPath).toMatch(/install-labapp\.jsonl$/);
    expect(events.at(-1)).toMatchObject({ type: 'finished', status: 'succeeded' });
  });

  it('a failed step is undone by default (newest first), the lock released, nothing cached', async () => {
    const host = new HostDouble(startFails);
    const { deps, operationsDir, install } = await prepared(host);
    const result = await applyInstall(install, deps, {});
    expect(result.status).toBe('undone');
    expect(result.failure).toMatchObject({ step: 0, title: 'Run it', message: 'start-it labapp on lab exited with 3: it broke' });
    expect(host.commands.slice(2)).toEqual([
      'mkdir -p /var/lib/homelab-tui/deployments',
      `write ${recordPath('labapp')}`,
      'start-it labapp',
      'undo-it labapp',
      // The undone step back to pending in the journal, then the record goes: nothing of the install is left.
      `write ${recordPath('labapp')}`,
      `rm -f -- ${recordPath('labapp')}`,
      // Its history entry on the host, while the lock is still held.
      expect.stringMatching(/ sh \/var\/lib\/homelab-tui\/history\/labapp\/\d{8}T\d{6}Z-install-labapp\.json 200$/),
      'unlock /var/lib/homelab-tui/locks/labapp.lock',
    ]);
    expect(host.files.has(recordPath('labapp'))).toBe(false);
    expect(await readHostCache(deps.cacheDir, 'lab')).toBeUndefined();
  });

  it('--keep-on-failure keeps what was done; retry runs the failed step again', async () => {
    const kept = new HostDouble(startFails);
    const one = await prepared(kept);
    expect((await applyInstall(one.install, one.deps, { onFailure: async () => 'keep' })).status).toBe('kept');
    expect(kept.commands).not.toContain('undo-it labapp');
    // Kept: the journal stays in the record on the host, so status lists it as interrupted.
    expect(JSON.parse(kept.files.get(recordPath('labapp')) ?? '{}')).toMatchObject({ operation: { kind: 'install', steps: [{ id: 'run', state: 'pending' }, { id: 'record', state: 'pending' }] } });
    const retried = new HostDouble(startFails);
    const two = await prepared(retried);
    let tries = 0;
    const result = await applyInstall(two.install, two.deps, { onFailure: async () => (++tries < 2 ? 'retry' : 'undo') });
    expect(result.status).toBe('undone');
    expect(retried.commands.filter((c) => c === 'start-it labapp')).toHaveLength(2);
  });

  it('refuses while a preflight item fails, before taking the lock', async () => {
    const host = new HostDouble();
    const { deps, operationsDir, install } = await prepared(host, [{ status: 'fail', label: 'port 8080/tcp is in use on lab', detail: 'nginx (pid 7) listens on 0.0.0.0:8080', hint: 'choose another port' }]);
    await expect(applyInstall(install, deps, {})).rejects.toThrow('preflight failed on lab:\n  ✗ port 8080/tcp is in use on lab: nginx (pid 7) listens on 0.0.0.0:8080');
    expect(host.commands).toEqual(['list records']);
  });
});
