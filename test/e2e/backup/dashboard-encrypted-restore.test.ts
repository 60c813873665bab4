// Issue 15 on the dashboard, in a real terminal (tmux) on the lab's Docker host: an archive made with
// `backup --encrypt` (age, passphrase on stdin) is listed in the details, and P on it asks for its
// passphrase, typed masked; a wrong one is said and asked again, nothing planned; the right one opens
// it into a 0600 copy beside it, the plan is shown, a yes restores the data as it was backed up
// (sha256) and the decrypted copy is gone afterwards. A restore question left open holds that copy:
// quitting the app removes it, and the copy an app killed outright left is removed when the app starts again.
import { readdirSync, statSync } from 'node:fs';
import { execa } from 'execa';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { httpGet, labHost } from '../../support/lab.js';
import type { TmuxSession } from '../../support/tmux.js';
import { lab, selectRow, startApp } from '../dashboard/dashboard-lab.js';
import { backupLab, host, onHost, sha, wrapped } from './dashboard-backup-lab.js';

const NAME = 'bk-enc';
const PORT = 18254;
const PASSPHRASE = 'correct horse battery staple';
const at = backupLab(NAME, PORT, 6_000_000);
const DATA = at.data;
const FILE = at.file;

/** Makes an encrypted backup with the CLI; its path, file name and the backups dir. */
async function encryptedBackup() {
  const made = await labCli(at.configDir, ['backup', NAME, '--host', host, '--encrypt', '--json'], {}, `${PASSPHRASE}\n`);
  expect(made.code, made.stderr).toBe(0);
  const sealed = (JSON.parse(made.stdout) as { archive: string }).archive;
  return { sealed, file: sealed.split('/').pop() ?? '', backupsDir: join(at.configDir, 'state', 'backups') };
}

const copiesIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.decrypted.tar'));

/** Opens the details of the deployment, P on its newest archive `file`, the passphrase: the restore question. */
async function askRestore(file: string): Promise<TmuxSession> {
  const session = await startApp(at.configDir, { columns: 130, rows: 34 });
  at.session = session;
  await session.waitFor(new RegExp(`${NAME} +1/1 up +✓ healthy`), 60_000);
  await selectRow(session, NAME);
  await session.press('Enter');
  await session.waitFor(new RegExp(`▸ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +\\S+ +${file.replace(/\./g, '\\.')}`), 30_000);
  await session.press('P');
  await session.waitFor(`Passphrase for ${file}:`, 30_000);
  await session.type(PASSPHRASE);
  await session.press('Enter');
  await session.waitFor(`Restore ${NAME} on ${host} from ${file}? [y/N]`, 120_000);
  return session;
}

/** Waits until the app in the session has ended (the shell's prompt is back), at most `ms`. */
async function appEnded(session: TmuxSession, ms: number): Promise<void> {
  const shell = (await session.tmux('display-message', '-p', '-t', session.name, '#{pane_pid}')).trim();
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await execa('pgrep', ['-P', shell], { reject: false })).stdout.trim() === '') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the app did not end within ${ms} ms`);
}

describe('an encrypted backup restored from the dashboard', () => {
  it('P asks for the passphrase (masked), again after a wrong one, then shows the plan; a yes restores the data and leaves no decrypted copy', async () => {
    const before = await sha(FILE);
    const { sealed, file, backupsDir } = await encryptedBackup();
    expect(sealed.endsWith('.tar.age')).toBe(true);
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
    const copies = () => copiesIn(backupsDir);
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

  it('a restore question left open: quitting removes the decrypted copy; a copy a killed app left goes when the app starts again', async () => {
    const { file, backupsDir } = await encryptedBackup();
    let session = await askRestore(file);
    expect(copiesIn(backupsDir)).toHaveLength(1);
    await session.press('C-c');
    await appEnded(session, 5_000);
    expect(copiesIn(backupsDir)).toEqual([]);
    await session.stop();

    session = await askRestore(file);
    expect(copiesIn(backupsDir)).toHaveLength(1);
    const shell = (await session.tmux('display-message', '-p', '-t', session.name, '#{pane_pid}')).trim();
    const app = (await execa('pgrep', ['-P', shell])).stdout.trim().split('\n');
    await execa('kill', ['-KILL', ...app]);
    await appEnded(session, 5_000);
    // SIGKILL leaves it; nothing can remove it then but the next start.
    expect(copiesIn(backupsDir)).toHaveLength(1);
    await session.stop();
    at.session = await startApp(at.configDir, { columns: 130, rows: 34 });
    await at.session.waitFor(new RegExp(`${NAME} +1/1 up +✓ healthy`), 60_000);
    const deadline = Date.now() + 10_000;
    while (copiesIn(backupsDir).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(copiesIn(backupsDir)).toEqual([]);
  }, 600_000);
});
