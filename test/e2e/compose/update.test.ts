// update on compose through the built CLI: labapp 1 -> bad fails the health gate and rolls back by
// itself (images, compose file and data), 1 -> 2 succeeds with the data kept, a missing image changes
// nothing, and the record keeps every release with its result. Docker and Podman, one install each.
import { beforeAll, describe, expect, it } from 'vitest';
import { httpGet, labHost } from '../../support/lab.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { cli, engineOf, labConfigDir, onHost } from './compose-lab.js';

/** The shipped recipes with labapp knowing a version 9 whose image exists nowhere. */
function catalogWithMissingVersion(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hl-update-catalog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = readFileSync(new URL('../../../config/apps/labapp.yaml', import.meta.url), 'utf8').replace('versions: ["1", "2", "bad"]', 'versions: ["1", "2", "bad", "9"]');
  writeFileSync(join(dir, 'labapp.yaml'), text);
  return dir;
}

let configDir = '';
beforeAll(async () => {
  // A short health gate: the bad version never becomes healthy, and the test waits for the gate to give up.
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 8\n');
});

interface UpdateJson {
  status: string;
  from: string;
  to: string;
  backup?: string;
  digests?: Record<string, string>;
  failure?: { step: string; output: string };
}

describe.each([
  { host: 'docker', port: 18290 },
  { host: 'podman', port: 18291 },
])('update of the lab app on $host', ({ host, port }) => {
  const name = `upd-${host}`;
  const dataDir = `/srv/${name}/data`;
  const url = `http://${labHost(host).address}:${port}`;
  const record = async () => JSON.parse(await onHost(host, `cat /var/lib/homelab-tui/deployments/${name}.json`)) as { version: string; releases: { version: string; result?: string; from?: string; rollback?: boolean; digests?: Record<string, string> }[]; operation?: unknown };

  it('installs version 1 and update --check offers 2', async () => {
    await onHost(host, `rm -rf /srv/${name} /var/lib/homelab-tui/backups/${name}`);
    const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', name, '--set', `port=${port}`, '--set', `data_dir=${dataDir}`, '--set', 'version=1', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    const check = await cli(configDir, ['update', '--check', '--host', host, '--json']);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout).deployments).toContainEqual(expect.objectContaining({ name, version: '1', newest: '2', update: true }));
  });

  it('1 -> bad: the gate fails, it rolls back by itself (exit 1), 1 answers and the data is as before', async () => {
    await onHost(host, `echo precious > ${dataDir}/mine.txt`);
    const firstStart = await onHost(host, `cat ${dataDir}/first-start`);
    const starts = async () => (await onHost(host, `cat ${dataDir}/starts.log`)).trim().split('\n').length;
    const startsBefore = await starts();
    const run = await cli(configDir, ['update', name, '--to', 'bad', '--yes', '--json']);
    expect(run.code, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout) as UpdateJson;
    expect(result).toMatchObject({ status: 'rolled-back', from: '1', to: 'bad', failure: { step: expect.stringContaining('Health gate') } });
    expect(result.failure?.output).toContain('database unreachable');
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await onHost(host, `cat ${dataDir}/mine.txt`)).toBe('precious\n');
    expect(await onHost(host, `cat ${dataDir}/first-start`)).toBe(firstStart);
    // The data came back from the backup: the bad version's start (a line in starts.log) is gone; only 1's new start is there.
    expect(await starts()).toBe(startsBefore + 1);
    expect(await onHost(host, `test -e ${result.backup} && echo yes`)).toBe('yes\n');
    const after = await record();
    expect(after.version).toBe('1');
    expect(after.operation).toBeUndefined();
    expect(after.releases.at(-1)).toMatchObject({ version: 'bad', from: '1', result: 'rolled-back' });
  });

  it('1 -> a version whose image does not exist: the fetch fails (exit 1) and the old version never stopped', async () => {
    const ids = `${engineOf(host)} ps -q --filter label=com.docker.compose.project=${name}`;
    const started = await onHost(host, `${engineOf(host)} inspect --format '{{.State.StartedAt}}' $(${ids})`);
    const run = await cli(configDir, ['update', name, '--to', '9', '--yes', '--json'], { HOMELAB_TUI_CATALOG_DIR: catalogWithMissingVersion() });
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'failed', from: '1', to: '9', failure: { step: expect.stringContaining('Fetch') } });
    expect(await onHost(host, `${engineOf(host)} inspect --format '{{.State.StartedAt}}' $(${ids})`)).toBe(started);
    expect((await record()).version).toBe('1');
  });

  it('1 -> 2 succeeds (exit 0) with the data kept, and the record lists every release', async () => {
    const run = await cli(configDir, ['update', name, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as UpdateJson;
    expect(result).toMatchObject({ status: 'succeeded', from: '1', to: '2' });
    expect(Object.values(result.digests ?? {})[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '2' });
    expect(await onHost(host, `cat ${dataDir}/mine.txt`)).toBe('precious\n');
    const after = await record();
    expect(after.version).toBe('2');
    expect(after.releases.map((r) => [r.version, r.result ?? 'installed'])).toEqual([['1', 'installed'], ['bad', 'rolled-back'], ['9', 'failed'], ['2', 'succeeded']]);
    const again = await cli(configDir, ['update', name, '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already runs labapp 2');
  });

  it('refuses a downgrade without --allow-downgrade (exit 2)', async () => {
    const run = await cli(configDir, ['update', name, '--to', '1', '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--allow-downgrade');
  });

  it('rollback --restore-data goes back to 1 with the data from before 2 went in (exit 0), then uninstalls', async () => {
    await onHost(host, `echo written-under-2 > ${dataDir}/after2.txt`);
    const run = await cli(configDir, ['rollback', name, '--yes', '--restore-data', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded', from: '2', to: '1' });
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    expect(await onHost(host, `cat ${dataDir}/mine.txt`)).toBe('precious\n');
    expect(await onHost(host, `test -e ${dataDir}/after2.txt || echo gone`)).toBe('gone\n');
    expect((await record()).releases.at(-1)).toMatchObject({ version: '1', from: '2', result: 'succeeded', rollback: true });
    expect((await cli(configDir, ['uninstall', name])).code).toBe(0);
  });
});
