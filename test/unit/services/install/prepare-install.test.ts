import { describe, expect, it } from 'vitest';
import { filesystemTypeCommand } from '../../../../src/services/catalog/local-disk.js';
import { listRecordsCommand } from '../../../../src/platform/deployments/record-store.js';
import { UserError } from '../../../../src/platform/errors.js';
import { installTarget, prepareInstall, resolveInstallAnswers } from '../../../../src/services/install/prepare-install.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { stubDeps } from './stub-deps.js';

const record = (name: string) => JSON.stringify({ schema: 1, name, app: 'kavita', version: '0.8.4', provider: 'compose', host: 'lab', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', answers: {}, refs: {} });

describe('resolveInstallAnswers', () => {
  it('the deployment name becomes the compose project unless --set or the answers file gives one', async () => {
    const { deps } = await stubDeps(new FakeRunner());
    const { recipe, entry } = installTarget({ app: 'labapp', host: 'lab', provider: 'compose', answers: {} }, deps);
    expect(resolveInstallAnswers(recipe, entry, 'compose', 'lab2', {}).answers.compose_project).toBe('lab2');
    expect(resolveInstallAnswers(recipe, entry, 'compose', 'lab2', { sets: ['compose_project=other'] }).answers.compose_project).toBe('other');
    expect(resolveInstallAnswers(recipe, entry, 'compose', 'lab2', { file: { source: 'a.yaml', values: { compose_project: 'fromfile' } } }).answers.compose_project).toBe('fromfile');
  });
});

describe('prepareInstall', () => {
  it('missing answers fail at once with the list, before any host is contacted', async () => {
    const { deps, opened } = await stubDeps(new FakeRunner());
    const preparing = prepareInstall({ app: 'vikunja', host: 'lab', provider: 'compose', answers: {} }, deps);
    await expect(preparing).rejects.toThrow(/1 answer is missing for vikunja on compose[\s\S]*public_url/);
    expect(opened).toEqual([]);
  });

  it('refuses a name that cannot name a deployment (exit 2)', async () => {
    const { deps } = await stubDeps(new FakeRunner());
    const preparing = prepareInstall({ app: 'labapp', host: 'lab', provider: 'compose', name: 'Bad_Name', answers: {} }, deps);
    await expect(preparing).rejects.toMatchObject({ exitCode: 2, message: '"Bad_Name" cannot name a deployment' });
    await expect(preparing).rejects.toBeInstanceOf(UserError);
  });

  it('renders, plans and preflights; the record keeps which answers were secret but never their values', async () => {
    const runner = new FakeRunner('lab').expect({ argv: listRecordsCommand().argv, result: { stdout: '' } });
    // Komga keeps SQLite in config_dir: preflight asks which file system holds it.
    runner.expect({ argv: filesystemTypeCommand('/srv/comics/config').argv, result: { stdout: 'nfs4\n' } });
    const { deps, calls } = await stubDeps(runner, [{ status: 'warn', label: 'a provider warning' }]);
    const prepared = await prepareInstall({ app: 'komga', host: 'lab', provider: 'compose', name: 'comics', answers: { sets: ['komf=true', 'komf_komga_user=k@example.org', 'komf_komga_password=pw-Secret-1'] } }, deps);
    expect(prepared.name).toBe('comics');
    expect(calls.planned[0]?.inputs.project).toBe('comics');
    expect(prepared.record).toMatchObject({ name: 'comics', app: 'komga', version: '1.21.2', provider: 'compose', host: 'lab', secretKeys: ['komf_komga_password'], createdAt: '2026-11-22T10:00:00.000Z' });
    expect(prepared.record.answers).toMatchObject({ komf: true, compose_project: 'comics' });
    expect(JSON.stringify(prepared.record)).not.toContain('pw-Secret-1');
    expect(prepared.preflight.map((i) => `${i.status} ${i.label}`)).toEqual([
      'ok the name "comics" is free on lab',
      'warn /srv/comics/config (Config directory) is on a nfs4 network share',
      'warn a provider warning',
    ]);
    expect(prepared.preflight[1]?.hint).toContain('SQLite');
    expect(prepared.blocked).toBe(false);
    expect(prepared.plan.secrets).toContain('pw-Secret-1');
  });

  it('a deployment of the same name on the host, or a failed provider check, blocks', async () => {
    const runner = new FakeRunner('lab').expect(
      { argv: listRecordsCommand().argv, result: { stdout: `/var/lib/homelab-tui/deployments/kavita.json\t${record('kavita')}\n` } },
      { argv: filesystemTypeCommand('/srv/kavita/config').argv, result: { stdout: 'ext4\n' } },
    );
    const { deps } = await stubDeps(runner, [{ status: 'fail', label: 'port 5000/tcp is in use on lab' }]);
    const prepared = await prepareInstall({ app: 'kavita', host: 'lab', provider: 'compose', answers: {} }, deps);
    expect(prepared.preflight.filter((i) => i.status === 'fail').map((i) => i.label)).toEqual(['a deployment named "kavita" exists on lab', 'port 5000/tcp is in use on lab']);
    expect(prepared.preflight[0]?.hint).toContain('--name');
    expect(prepared.blocked).toBe(true);
  });

  it('an interrupted operation of that name is named, with resume and undo as the way on', async () => {
    const interrupted = JSON.stringify({ ...JSON.parse(record('kavita')), operation: { id: 'op1', kind: 'install', startedAt: '2026-01-02T00:00:00Z', by: { user: 'u', machine: 'm', pid: 1, tool: '0' }, steps: [] } });
    const runner = new FakeRunner('lab').expect(
      { argv: listRecordsCommand().argv, result: { stdout: `/var/lib/homelab-tui/deployments/kavita.json\t${interrupted}\n` } },
      { argv: filesystemTypeCommand('/srv/kavita/config').argv, result: { stdout: 'ext4\n' } },
    );
    const { deps } = await stubDeps(runner, []);
    const prepared = await prepareInstall({ app: 'kavita', host: 'lab', provider: 'compose', answers: {} }, deps);
    expect(prepared.preflight[0]).toMatchObject({ status: 'fail', label: 'an interrupted install of "kavita" waits on lab' });
    expect(prepared.preflight[0]?.hint).toBe('finish it first: homelab-tui resume kavita --host lab, or take it back: homelab-tui undo kavita --host lab');
    expect(prepared.blocked).toBe(true);
  });

  it('a data folder of another deployment on the host is refused, naming it', async () => {
    const other = JSON.stringify({ ...JSON.parse(record('books')), data: [{ path: '/srv/kavita', created: true }] });
    const runner = new FakeRunner('lab').expect(
      { argv: listRecordsCommand().argv, result: { stdout: `/var/lib/homelab-tui/deployments/books.json\t${other}\n` } },
      { argv: filesystemTypeCommand('/srv/kavita/config').argv, result: { stdout: 'ext4\n' } },
    );
    const { deps } = await stubDeps(runner, []);
    const prepared = await prepareInstall({ app: 'kavita', host: 'lab', provider: 'compose', answers: {} }, deps);
    expect(prepared.preflight[0]).toMatchObject({ status: 'fail', label: '/srv/kavita/config is data of the deployment "books" on lab', detail: '"books" owns /srv/kavita' });
    expect(prepared.blocked).toBe(true);
  });

  it('a data folder that holds files is a warning to accept (the wizard, a terminal) unless --reuse-data makes it agreed', async () => {
    const host = () =>
      new FakeRunner('lab').expect({ argv: listRecordsCommand().argv, result: { stdout: '' } }, { argv: filesystemTypeCommand('/srv/kavita/config').argv, result: { stdout: 'ext4\n' } });
    const asked = await prepareInstall({ app: 'kavita', host: 'lab', provider: 'compose', answers: {} }, (await stubDeps(host(), [], ['/srv/kavita/config'])).deps);
    expect(asked.reused).toEqual(['/srv/kavita/config']);
    expect(asked.preflight).toContainEqual(expect.objectContaining({ status: 'warn', label: '/srv/kavita/config already holds files: "kavita" would use them' }));
    expect(asked.blocked).toBe(false);
    const agreed = await prepareInstall({ app: 'kavita', host: 'lab', provider: 'compose', answers: {}, reuseData: true }, (await stubDeps(host(), [], ['/srv/kavita/config'])).deps);
    expect(agreed.preflight).toContainEqual(expect.objectContaining({ status: 'ok', label: '/srv/kavita/config already holds files: "kavita" uses them (--reuse-data)' }));
  });
});
