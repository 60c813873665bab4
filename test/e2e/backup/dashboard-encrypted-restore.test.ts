// Issue 15 on the dashboard, in a real terminal (tmux) on the lab's Docker host: an archive made with
// `backup --encrypt` (age, passphrase on stdin) is listed in the details, and P on it asks for its
// passphrase, typed masked; a wrong one is said and asked again, nothing planned; the right one opens
// it into a 0600 copy beside it, the plan is shown, a yes restores the data as it was backed up
// (sha256) and the decrypted copy is gone afterwards.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { httpGet, labHost } from '../../support/lab.js';
import { lab, selectRow, startApp } from '../dashboard/dashboard-lab.js';
import { backupLab, host, onHost, sha, wrapped } from './dashboard-backup-lab.js';

const NAME = 'bk-enc';
const PORT = 18254;
const PASSPHRASE = 'correct horse battery staple';
const at = backupLab(NAME, PORT, 6_000_000);
const DATA = at.data;
const FILE = at.file;

describe('an encrypted backup restored from the dashboard', () => {
  it('P asks for the passphrase (masked), again after a wrong one, then shows the plan; a yes restores the data and leaves no decrypted copy', async () => {
    const before = await sha(FILE);
    const made = await labCli(at.configDir, ['backup', NAME, '--host', host, '--encrypt', '--json'], {}, `${PASSPHRASE}\n`);
    expect(made.code, made.stderr).toBe(0);
    const sealed = (JSON.parse(made.stdout) as { archive: string }).archive;
    expect(sealed.endsWith('.tar.age')).toBe(true);
    const file = sealed.split('/').pop() ?? '';
    const backupsDir = join(at.configDir, 'state', 'backups');
    await onHost(`echo changed > ${FILE} && echo new > ${DATA}/after.txt`);

    const session = await startApp(at.configDir, { columns: 130, rows: 34 });
    at.session = session;
    await session.waitFor(new RegExp(`${NAME} +1/1 up +✓ healthy`), 60_000);
    await selectRow(session, NAME);
    await session.press('Enter');
    await session.waitFor(new RegExp(`▸ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +\\S+ +${file.replace(/\./g, '\\.')}`), 30_000);

    await session.press('P');
    await session.waitFor(`Passphrase for ${file}:`, 30_000);
    await session.type('not-it');
    const masked = await session.waitFor('••••••', 10_000);
    expect(masked).not.toContain('not-it');
    await session.press('Enter');
    await session.waitFor('(that one does not open it; try again)', 60_000);
    expect(await sha(FILE)).not.toBe(before);

    await session.type(PASSPHRASE);
    await session.press('Enter');
    const question = await session.waitFor(`Restore ${NAME} on ${host} from ${file}? [y/N]`, 120_000);
    expect(question).toMatch(/1\. Safety backup of what bk-enc holds now/);
    expect(question).not.toContain(PASSPHRASE);
    // The plan reads a 0600 decrypted copy beside the archive until it is applied.
    const copies = () => readdirSync(backupsDir).filter((f) => f.endsWith('.decrypted.tar'));
    expect(copies()).toHaveLength(1);
    expect(statSync(join(backupsDir, copies()[0] ?? '')).mode & 0o777).toBe(0o600);
    await session.press('y');
    const restored = await session.waitFor(wrapped(`✓ restored ${NAME} on ${host} from ${sealed}`), 300_000);
    expect(restored).toMatch(wrapped('; it is healthy;'));

    expect(await sha(FILE)).toBe(before);
    expect((await onHost(`ls ${DATA}`)).split('\n')).not.toContain('after.txt');
    expect(copies()).toEqual([]);
    const health = await httpGet(`http://${labHost(host, lab).address}:${PORT}/health`);
    expect(health.status).toBe(200);
  }, 600_000);
});
