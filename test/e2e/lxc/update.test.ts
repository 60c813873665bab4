// Issue 14 on Proxmox LXC, through the built CLI: labapp 1 -> bad fails the health gate and rolls back
// by itself (pct rollback to homelab-tui's snapshot for the root filesystem, the bind-mounted data from
// the app-level backup), 1 -> 2 succeeds with the data kept, `rollback --restore-data` goes back to 1,
// homelab-tui's snapshots beyond the kept count are deleted (never the user's), and `history` lists
// every release with its result. The node's pct/pvesh calls are checked against PVE 9 and 8.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { httpGet, labHost, loadLab, sshRun } from '../../support/lab.js';
import { containersOf, guestAddress, nodeCallLog, nodeCallsSince, removeTestDeployments } from '../../support/lxc-lab.js';
import { contractViolations, pveCalls } from '../../support/pve-contract.js';

const lab = loadLab();
const NAME = 'e2e-upd';
const address = guestAddress(lab, 94);
const url = `http://${address}:8080`;
const DATA = `/var/lib/homelab-tui/data/${NAME}/var/lib/labapp`;
const configDir = mkdtempSync(join(tmpdir(), 'hl-lxc-update-'));
const cli = (...args: string[]) => labCli(configDir, args);
const since = nodeCallLog(lab).size;
const onNode = async (script: string) => (await sshRun('pve', script)).stdout;
let vmid = 0;

interface UpdateJson {
  status: string;
  from: string;
  to: string;
  failure?: { step: string; output: string };
}

const record = async () => JSON.parse(await onNode(`cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { version: string; operation?: unknown; releases: { version: string; from?: string; result?: string; rollback?: boolean }[] };
const snapshots = async () => {
  const list = JSON.parse(await onNode(`pvesh get /nodes/${lab.pve.node}/lxc/${vmid}/snapshot --output-format json`)) as { name: string; description?: string }[];
  return list.filter((s) => s.name !== 'current');
};
const starts = async () => (await onNode(`cat ${DATA}/starts.log`)).trim().split('\n').length;

beforeAll(async () => {
  await removeTestDeployments(lab, NAME);
  await sshRun('pve', `rm -rf /var/lib/homelab-tui/backups/${NAME} /var/lib/homelab-tui/history/${NAME} /var/lib/homelab-tui/updates/${NAME}.*`);
  // A short gate (the bad build never passes it) and one kept snapshot, so the second update prunes the first.
  writeFileSync(join(configDir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 12\n  keepSnapshots: 1\n');
  expect((await cli('hosts', 'add', 'pve', '--address', labHost('pve').alias)).code).toBe(0);
  const run = await cli('install', 'labapp', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, '--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`, '--set', 'version=1', '--yes');
  expect(run.code, run.stderr).toBe(0);
  [vmid = 0] = await containersOf(lab, NAME);
  expect(vmid).toBeGreaterThan(0);
});

afterAll(async () => {
  await removeTestDeployments(lab, NAME);
  await sshRun('pve', `rm -rf /var/lib/homelab-tui/backups/${NAME} /var/lib/homelab-tui/history/${NAME} /var/lib/homelab-tui/updates/${NAME}.*`);
  rmSync(configDir, { recursive: true, force: true });
  const calls = pveCalls(nodeCallsSince(lab, since));
  expect(calls.filter((c) => c[0] === 'pct' && ['snapshot', 'rollback', 'delsnapshot'].includes(c[1] ?? '')).length).toBeGreaterThan(3);
  expect(contractViolations(calls)).toEqual([]);
});

describe('update of the lab app in a Proxmox container', () => {
  it('1 -> bad: the gate fails, pct rollback and the data backup bring 1 back (exit 1), the data as before', async () => {
    await onNode(`echo precious > ${DATA}/mine.txt`);
    // The user's own snapshot: homelab-tui never prunes it.
    expect((await sshRun('pve', ['pct', 'snapshot', String(vmid), 'mine'])).exitCode).toBe(0);
    const firstStart = await onNode(`cat ${DATA}/first-start`);
    const before = await starts();
    const calls = nodeCallLog(lab).size;
    const run = await cli('update', NAME, '--to', 'bad', '--yes', '--json');
    expect(run.code, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout) as UpdateJson;
    expect(result).toMatchObject({ status: 'rolled-back', from: '1', to: 'bad', failure: { step: expect.stringContaining('Health gate') } });
    expect(result.failure?.output).toContain('database unreachable');
    const pctCalls = pveCalls(nodeCallsSince(lab, calls)).filter((c) => c[0] === 'pct').map((c) => c.slice(1, 4).join(' '));
    expect(pctCalls.filter((c) => /^(snapshot|rollback|delsnapshot) /.test(c))).toEqual([
      expect.stringMatching(new RegExp(`^snapshot ${vmid} homelab-tui-\\d{8}-\\d{6}$`)),
      expect.stringMatching(new RegExp(`^rollback ${vmid} homelab-tui-\\d{8}-\\d{6}$`)),
      expect.stringMatching(new RegExp(`^delsnapshot ${vmid} homelab-tui-\\d{8}-\\d{6}$`)),
    ]);
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await onNode(`cat ${DATA}/mine.txt`)).toBe('precious\n');
    expect(await onNode(`cat ${DATA}/first-start`)).toBe(firstStart);
    // The data came from the backup: the bad build's start is not in starts.log, only 1's start after the rollback.
    expect(await starts()).toBe(before + 1);
    // The rolled-back update's snapshot is deleted with its undo; the user's stays.
    expect((await snapshots()).map((s) => s.name)).toEqual(['mine']);
    const after = await record();
    expect(after.version).toBe('1');
    expect(after.operation).toBeUndefined();
    expect(after.releases.at(-1)).toMatchObject({ version: 'bad', from: '1', result: 'rolled-back' });
    expect(await onNode(`ls /var/lib/homelab-tui/updates/ 2>/dev/null | grep -c ${NAME} || true`)).toBe('0\n');
  });

  it('1 -> 2 succeeds (exit 0) with the data kept and homelab-tui\'s snapshot taken before it', async () => {
    const run = await cli('update', NAME, '--yes', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded', from: '1', to: '2' });
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '2' });
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await onNode(`cat ${DATA}/mine.txt`)).toBe('precious\n');
    const names = (await snapshots()).map((s) => s.name);
    expect(names).toHaveLength(2);
    expect(names).toContain('mine');
    expect(names.find((n) => n !== 'mine')).toMatch(/^homelab-tui-\d{8}-\d{6}$/);
    expect((await snapshots()).find((s) => s.name !== 'mine')?.description).toContain(`homelab-tui: labapp 1 (${NAME})`);
    expect((await record()).version).toBe('2');
  });

  it('rollback --restore-data goes back to 1 with the data from before 2; only the newest homelab-tui snapshot is kept', async () => {
    const [first] = (await snapshots()).map((s) => s.name).filter((n) => n !== 'mine');
    await onNode(`echo written-under-2 > ${DATA}/after2.txt`);
    const run = await cli('rollback', NAME, '--yes', '--restore-data', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded', from: '2', to: '1' });
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    expect(await onNode(`cat ${DATA}/mine.txt`)).toBe('precious\n');
    expect(await onNode(`test -e ${DATA}/after2.txt || echo gone`)).toBe('gone\n');
    const names = (await snapshots()).map((s) => s.name);
    expect(names).toHaveLength(2);
    expect(names).toContain('mine');
    expect(names).not.toContain(first);
  });

  it('history lists the install and every update with its versions and result', async () => {
    const run = await cli('history', NAME, '--json');
    expect(run.code, run.stderr).toBe(0);
    const history = JSON.parse(run.stdout) as { entries: { kind: string; status: string; details?: { from?: string; to?: string } }[] };
    expect(history.entries.map((e) => [e.kind, e.status, e.details?.from ?? '', e.details?.to ?? ''])).toEqual([
      ['install', 'succeeded', '', ''],
      ['update', 'rolled-back', '1', 'bad'],
      ['update', 'succeeded', '1', '2'],
      ['update', 'succeeded', '2', '1'],
    ]);
    const text = await cli('history', NAME);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/update .*rolled-back/);
    expect((await record()).releases.map((r) => [r.version, r.result ?? 'installed'])).toEqual([['1', 'installed'], ['bad', 'rolled-back'], ['2', 'succeeded'], ['1', 'succeeded']]);
  });
});
