// Issue 14: the link to a Proxmox node is lost while an update of a container waits in its health gate,
// and Ctrl-C comes. The rollback cannot reach the node, tries again for the reconnect window, and
// leaves the journal there. When the node is back, status lists the update as interrupted and the next
// `update` finds the journal and finishes the rollback (pct rollback to the update's snapshot, the data
// from the backup, the gate on the old version): 1 answers, nothing written before is lost.
// Serial lane: it takes the pve host's link down.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { eventually, httpGet, labFaults, labHost, loadLab, sshRun } from '../../support/lab.js';
import { guestAddress, removeTestDeployments } from '../../support/lxc-lab.js';

const BIN = fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url));
const lab = loadLab();
const NAME = 'upd-link';
const address = guestAddress(lab, 95);
const url = `http://${address}:8080`;
const DATA = `/var/lib/homelab-tui/data/${NAME}/var/lib/labapp`;
const configDir = mkdtempSync(join(tmpdir(), 'hl-update-link-'));
const cli = (...args: string[]) => labCli(configDir, args);
const onNode = async (script: string) => (await sshRun('pve', script)).stdout;
const cleanUp = async () => {
  await removeTestDeployments(lab, NAME);
  await sshRun('pve', `rm -rf /var/lib/homelab-tui/backups/${NAME} /var/lib/homelab-tui/history/${NAME} /var/lib/homelab-tui/updates/${NAME}.* /var/lib/homelab-tui/locks/${NAME}.lock`);
};

beforeAll(async () => {
  await cleanUp();
  // The bad build never passes the gate (the update waits there); undo gives up on the lost link after 5 s.
  writeFileSync(join(configDir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 120\nundoReconnectSeconds: 5\nkeepaliveSeconds: 1\n');
  const added = await cli('hosts', 'add', 'pve', '--address', labHost('pve').alias);
  expect(added.code, added.stderr).toBe(0);
  const run = await cli('install', 'labapp', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, '--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`, '--set', 'version=1', '--yes');
  expect(run.code, run.stderr).toBe(0);
});

afterAll(async () => {
  await labFaults.linkUp('pve');
  await cleanUp();
  rmSync(configDir, { recursive: true, force: true });
});

const starts = async () => (await onNode(`cat ${DATA}/starts.log`)).trim().split('\n').length;

describe('an update of a Proxmox container when the link to the node is lost', () => {
  it('leaves the journal on the node; the next update finishes the rollback with the data', async () => {
    await onNode(`echo precious > ${DATA}/mine.txt`);
    const firstStart = await onNode(`cat ${DATA}/first-start`);
    const before = await starts();
    const child = spawn(process.execPath, [BIN, '--config-dir', configDir, '--ssh-config', lab.ssh.config, 'update', NAME, '--to', 'bad', '--yes', '--json'], {
      env: { ...process.env, HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await eventually('the update to reach its health gate', async () => stderr.includes('Health gate'), 90_000);
    await labFaults.linkDown('pve');
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stderr).toContain('lost the connection to pve: trying again for up to');
    expect(JSON.parse(stdout)).toMatchObject({ status: 'undo-incomplete', name: NAME, host: 'pve' });
    expect(stderr).not.toMatch(/\n\s+at .*\(/);

    await labFaults.linkUp('pve');
    const status = await cli('status', '--host', 'pve', '--json');
    const row = (JSON.parse(status.stdout) as { deployments: { name: string; health: string; operation?: { kind: string } }[] }).deployments.find((d) => d.name === NAME);
    expect(row).toMatchObject({ health: 'interrupted', operation: { kind: 'update' } });
    // status only reads: the bad build still runs until an update or undo takes it back.
    expect(await onNode(`test -e /var/lib/homelab-tui/updates/${NAME}.lxc-snapshot && echo noted`)).toBe('noted\n');

    const again = await cli('update', NAME, '--yes', '--json');
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain(`the last update of ${NAME} on pve was interrupted`);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'rolled-back', name: NAME, kind: 'update', from: '1', to: 'bad' });
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await onNode(`cat ${DATA}/mine.txt`)).toBe('precious\n');
    expect(await onNode(`cat ${DATA}/first-start`)).toBe(firstStart);
    // The data came back from the backup: the bad build's start is gone, 1's start after the rollback is there.
    expect(await starts()).toBe(before + 1);
    const record = JSON.parse(await onNode(`cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { version: string; operation?: unknown; refs: { vmid: number }; releases: { version: string; result?: string }[] };
    expect(record.version).toBe('1');
    expect(record.operation).toBeUndefined();
    expect(record.releases.at(-1)).toMatchObject({ version: 'bad', result: 'rolled-back' });
    expect(await onNode(`test -e /var/lib/homelab-tui/updates/${NAME}.lxc-snapshot || echo gone`)).toBe('gone\n');
    expect(await onNode(`test -e /var/lib/homelab-tui/locks/${NAME}.lock || echo gone`)).toBe('gone\n');
    // The interrupted update's snapshot went with its rollback, as a finished undo deletes it.
    expect(await onNode(`pct listsnapshot ${record.refs.vmid} | grep -c homelab-tui- || true`)).toBe('0\n');

    // And the update asked for now runs from the good state.
    const update = await cli('update', NAME, '--yes', '--json');
    expect(update.code, update.stderr).toBe(0);
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '2' });
    expect(await onNode(`cat ${DATA}/mine.txt`)).toBe('precious\n');
  }, 300_000);
});
