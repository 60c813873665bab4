// Issue 14: the link to a compose host is lost in the middle of an update's apply step (the old compose
// file kept aside, the new one being brought up). The CLI cannot finish the rollback over the lost link,
// tries again for the reconnect window and leaves the journal on the host. When the host is back,
// status lists the update as interrupted, and the next `update` finds the journal and finishes the
// rollback (the old compose file, the data from the backup, the gate on the old version): 1 answers,
// nothing written before is lost. Serial lane: it takes the docker host's link down.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { httpGet, labFaults, labHost, loadLab, sshRun } from '../../support/lab.js';

const BIN = fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url));
const lab = loadLab();
const HOST = 'docker';
const NAME = 'upd-clink';
const PORT = 18297;
const DATA = `/srv/${NAME}/data`;
const SAVED = `/opt/homelab-tui/${NAME}/compose.yaml.before-update`;
const url = `http://${labHost(HOST).address}:${PORT}`;
const configDir = mkdtempSync(join(tmpdir(), 'hl-compose-link-'));
const cli = (...args: string[]) => labCli(configDir, args);
const onHost = async (script: string) => {
  const res = await sshRun(HOST, script, { timeoutMs: 60_000 });
  expect(res.exitCode, `${script}\n${res.stderr}`).toBe(0);
  return res.stdout;
};
const cleanUp = async () => {
  await cli('uninstall', NAME, '--host', HOST, '--purge', '--yes');
  await sshRun(HOST, `rm -rf /srv/${NAME} /var/lib/homelab-tui/backups/${NAME} /var/lib/homelab-tui/locks/${NAME}.lock`);
};

beforeAll(async () => {
  // keepalive 1 s: the lost link is noticed in seconds; undo gives up on it after 5 s.
  writeFileSync(join(configDir, 'settings.yaml'), 'compose:\n  healthTimeoutSeconds: 30\nundoReconnectSeconds: 5\nkeepaliveSeconds: 1\n');
  const added = await cli('hosts', 'add', HOST, '--address', labHost(HOST).alias);
  expect(added.code, added.stderr).toBe(0);
  await cleanUp();
  const run = await cli('install', 'labapp', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--set', `data_dir=${DATA}`, '--set', 'version=1', '--yes');
  expect(run.code, run.stderr).toBe(0);
});

afterAll(async () => {
  await labFaults.linkUp(HOST);
  await cleanUp();
  rmSync(configDir, { recursive: true, force: true });
});

const starts = async () => (await onHost(`cat ${DATA}/starts.log`)).trim().split('\n').length;

describe('an update of a compose deployment when the link to the host is lost in its apply step', () => {
  it('leaves the journal on the host; the next update finishes the rollback with the data', async () => {
    await onHost(`echo precious > ${DATA}/mine.txt`);
    const firstStart = await onHost(`cat ${DATA}/first-start`);
    const before = await starts();
    // Waits on the host for the apply step's first action (the old compose file kept aside).
    const applying = sshRun(HOST, `n=0; until [ -e ${SAVED} ] || [ $n -gt 1200 ]; do n=$((n+1)); sleep 0.05; done; test -e ${SAVED}`, { timeoutMs: 90_000 });
    const child = spawn(process.execPath, [BIN, '--config-dir', configDir, '--ssh-config', lab.ssh.config, 'update', NAME, '--to', 'bad', '--yes', '--json'], {
      env: { ...process.env, HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    expect((await applying).exitCode, 'the update never reached its apply step').toBe(0);
    await labFaults.linkDown(HOST);
    // The gate was not reached: the link went in the middle of the apply step.
    expect(stderr).not.toContain('Health gate');
    expect(await exited).toBe(1);
    expect(stderr).toContain(`lost the connection to ${HOST}: trying again for up to`);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'undo-incomplete', name: NAME, host: HOST });
    expect(stderr).not.toMatch(/\n\s+at .*\(/);

    await labFaults.linkUp(HOST);
    const status = await cli('status', '--host', HOST, '--json');
    const row = (JSON.parse(status.stdout) as { deployments: { name: string; health: string; operation?: { kind: string } }[] }).deployments.find((d) => d.name === NAME);
    expect(row).toMatchObject({ health: 'interrupted', operation: { kind: 'update' } });
    // status only reads: the saved compose file of 1 waits for the rollback.
    expect(await onHost(`test -e ${SAVED} && echo kept`)).toBe('kept\n');

    const again = await cli('update', NAME, '--yes', '--json');
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain(`the last update of ${NAME} on ${HOST} was interrupted`);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'rolled-back', name: NAME, kind: 'update', from: '1', to: 'bad' });
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await onHost(`cat ${DATA}/mine.txt`)).toBe('precious\n');
    expect(await onHost(`cat ${DATA}/first-start`)).toBe(firstStart);
    // The data came back from the backup: whatever the bad build wrote is gone, 1's start after the rollback is there.
    expect(await starts()).toBe(before + 1);
    const record = JSON.parse(await onHost(`cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { version: string; operation?: unknown; releases: { version: string; result?: string }[] };
    expect(record.version).toBe('1');
    expect(record.operation).toBeUndefined();
    expect(record.releases.at(-1)).toMatchObject({ version: 'bad', result: 'rolled-back' });
    expect(await onHost(`test -e ${SAVED} || echo gone`)).toBe('gone\n');
    expect(await onHost(`test -e /var/lib/homelab-tui/locks/${NAME}.lock || echo gone`)).toBe('gone\n');
    expect(await onHost(`grep -c 'local/labapp:1' /opt/homelab-tui/${NAME}/compose.yaml`)).toBe('1\n');
  }, 240_000);
});
