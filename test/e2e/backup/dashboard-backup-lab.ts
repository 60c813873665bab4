// The set-up the dashboard's backup e2e files share: one labapp deployment on the lab's Docker host
// with a payload file in its data folder, the config dir and tmux session of the test, removed after.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { sshRun } from '../../support/lab.js';
import type { TmuxSession } from '../../support/tmux.js';
import { cli, labConfigDir } from '../dashboard/dashboard-lab.js';

export const host = 'docker';

/** A pattern of these words where the screen may wrap the line between any two of them. */
export const wrapped = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));

export async function onHost(line: string): Promise<string> {
  const res = await sshRun(host, line, { timeoutMs: 120_000 });
  expect(res.exitCode, `${host}: ${line}\n${res.stderr}`).toBe(0);
  return res.stdout;
}

export const sha = async (path: string) => (await onHost(`sha256sum ${path}`)).split(' ')[0] ?? '';

/**
 * Registers the hooks: labapp installed as `name` on port `port`, `payloadBytes` of random bytes in
 * `payload.bin` and `kept` in `note.txt` of its data folder. `lab.configDir` and `lab.session` are the
 * test's (the session is stopped after each test).
 */
export function backupLab(name: string, port: number, payloadBytes: number) {
  const data = `/srv/${name}/data`;
  const lab = { name, port, data, file: `${data}/payload.bin`, configDir: '', session: undefined as TmuxSession | undefined };
  beforeAll(async () => {
    lab.configDir = await labConfigDir([host]);
    await cli(lab.configDir, ['uninstall', name, '--host', host, '--purge', '--yes']);
    await sshRun(host, `rm -rf /srv/${name}`, { timeoutMs: 60_000 });
    const run = await cli(lab.configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', name, '--set', `port=${port}`, '--set', `data_dir=${data}`, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    await onHost(`head -c ${payloadBytes} /dev/urandom > ${lab.file} && echo kept > ${data}/note.txt`);
  }, 300_000);
  afterEach(async () => {
    await lab.session?.stop();
    lab.session = undefined;
  });
  afterAll(async () => {
    await cli(lab.configDir, ['uninstall', name, '--host', host, '--purge', '--yes']);
    await sshRun(host, `rm -rf /srv/${name}`, { timeoutMs: 60_000 });
  });
  return lab;
}
