// Issue 15 on the dashboard, in a real terminal (tmux) on the lab's Docker host: `b` backs up the
// selected labapp deployment with its bytes and percent on the running line, the details list the
// archive (newest first, time and size), and P restores it from there after a question that shows
// the plan; the app is healthy again with the data as it was backed up (sha256), and the safety
// backup of what it held is listed beside it.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpGet, labHost } from '../../support/lab.js';
import { cli, lab, selectRow, startApp } from '../dashboard/dashboard-lab.js';
import { backupLab, host, onHost, sha, wrapped } from './dashboard-backup-lab.js';

const NAME = 'bk-dash';
const PORT = 18251;
// Large enough that the backup's progress is on screen for a while (a few seconds on the lab).
const at = backupLab(NAME, PORT, 150_000_000);
const DATA = at.data;
const FILE = at.file;

describe('backup and restore from the dashboard', () => {
  it('b backs up with bytes and percent; the details list it; P restores it after the plan is confirmed, and the app is healthy with the data', async () => {
    const before = await sha(FILE);
    const session = await startApp(at.configDir, { columns: 130, rows: 34 });
    at.session = session;
    await session.waitFor(new RegExp(`${NAME} +1/1 up +✓ healthy`), 60_000);
    await selectRow(session, NAME);
    await session.press('b');
    await session.waitFor(new RegExp(`… backing up ${NAME} on ${host} \\(data/0\\.tar: [\\d.]+ [KMG]iB of about 14\\d\\.\\d MiB \\(\\d+%\\)\\)`), 60_000);
    const done = await session.waitFor(new RegExp(`✓ backed up ${NAME} on ${host} to \\S+/${NAME}-\\d{8}T\\d{6}Z\\.tar`), 180_000);
    const archive = new RegExp(`to (\\S+/${NAME}-\\d{8}T\\d{6}Z\\.tar)`).exec(done.replace(/\n/g, ''))?.[1] ?? '';
    expect(archive.startsWith(join(at.configDir, 'state', 'backups'))).toBe(true);
    expect(existsSync(archive)).toBe(true);
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    const file = archive.split('/').pop() ?? '';

    // The details list it, newest first, with its time and size, selected.
    await session.press('Enter');
    await session.waitFor(`Backups (in ${join(at.configDir, 'state', 'backups')})`, 30_000);
    await session.waitFor(new RegExp(`▸ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +14\\dM +${file}`), 30_000);

    // What the app holds changes after the backup; the restore puts the backed-up data back.
    await onHost(`echo changed > ${FILE} && echo new > ${DATA}/after.txt`);
    await session.press('P');
    const question = await session.waitFor(`Restore ${NAME} on ${host} from ${file}? [y/N]`, 120_000);
    expect(question).toMatch(/1\. Safety backup of what bk-dash holds now/);
    expect(question).toMatch(/2\. Restore \S+: stop the app, replace its data/);
    expect(await sha(FILE)).not.toBe(before);
    await session.press('y');
    await session.waitFor(`… restoring ${NAME} on ${host}`, 30_000);
    const restored = await session.waitFor(wrapped(`✓ restored ${NAME} on ${host} from`), 300_000);
    expect(restored).toMatch(wrapped('; it is healthy; what it held before is in'));
    expect(restored).not.toContain('… restoring');

    expect(await sha(FILE)).toBe(before);
    expect((await onHost(`cat ${DATA}/note.txt`)).trim()).toBe('kept');
    expect((await onHost(`ls ${DATA}`)).split('\n')).not.toContain('after.txt');
    const health = await httpGet(`http://${labHost(host, lab).address}:${PORT}/health`);
    expect(health.status).toBe(200);
    // The safety backup is listed too (the details were read again after the restore).
    await session.waitFor(new RegExp(`(${NAME}-\\d{8}T\\d{6}Z\\.tar[\\s\\S]*){2}`), 30_000);
    const status = await cli(at.configDir, ['status', '--host', host, '--json']);
    const { deployments } = JSON.parse(status.stdout) as { deployments: Array<{ name: string; health: string }> };
    expect(deployments.find((d) => d.name === NAME)).toMatchObject({ health: 'healthy' });
  }, 600_000);
});
