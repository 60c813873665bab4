// Issue 13, data owned per deployment: two deployments of one app get data folders of their own by
// default; --purge of one leaves the other's data (and it stays healthy); a folder that holds files is
// used only with --reuse-data; undo and --purge remove only the folders this deployment created.
import { beforeAll, describe, expect, it } from 'vitest';
import { httpGet, labHost } from '../../support/lab.js';
import { cli, existsOnHost, labConfigDir, onHost, projectContainers } from './compose-lab.js';

const HOST = 'docker';
const [A, B, PRE, BAD] = ['own-a', 'own-b', 'own-pre', 'own-bad'];
const PORTS = { [A]: 18231, [B]: 18232, [PRE]: 18233, [BAD]: 18234 };
const FOREIGN = '/srv/own-foreign/data';
let configDir = '';

const install = (name: string, ...extra: string[]) => cli(configDir, ['install', 'labapp', '--host', HOST, '--provider', 'compose', '--name', name, '--set', `port=${PORTS[name]}`, '--yes', ...extra]);
const record = async (name: string) => JSON.parse(await onHost(HOST, `cat /var/lib/homelab-tui/deployments/${name}.json`)) as { data?: unknown; dataPaths?: string[] };
const health = async (name: string) => httpGet(`http://${labHost(HOST).address}:${PORTS[name]}/health`);

async function removeAll(): Promise<void> {
  for (const name of [A, B, PRE, BAD]) await cli(configDir, ['uninstall', name, '--host', HOST, '--purge', '--yes']);
  await onHost(HOST, `rm -rf /srv/${A} /srv/${B} /srv/${PRE} /srv/${BAD} /srv/own-foreign`);
}

beforeAll(async () => {
  // A short wait: the bad build never becomes healthy.
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 20\n');
  await removeAll();
  return removeAll;
});

describe('data folders belong to a deployment', () => {
  it('two deployments of the same app get separate data folders, named after them, listed as created', async () => {
    for (const name of [A, B]) {
      const run = await install(name);
      expect(run.code, run.stderr).toBe(0);
    }
    expect(await onHost(HOST, `cat /srv/${A}/data/first-start`)).toMatch(/^\d{4}-/);
    expect(await onHost(HOST, `cat /srv/${B}/data/first-start`)).toMatch(/^\d{4}-/);
    expect((await record(A)).data).toEqual([{ path: `/srv/${A}/data`, created: true, root: `/srv/${A}` }]);
    expect((await record(B)).data).toEqual([{ path: `/srv/${B}/data`, created: true, root: `/srv/${B}` }]);
  });

  it("a path another deployment owns is refused, naming that deployment", async () => {
    const run = await cli(configDir, ['plan', 'labapp', '--host', HOST, '--provider', 'compose', '--name', 'own-c', '--set', 'port=18235', '--set', `data_dir=/srv/${A}/data`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✗ /srv/${A}/data is data of the deployment "${A}" on ${HOST}`);
  });

  it('uninstall --purge of one removes its folders only; the other keeps its data and stays healthy', async () => {
    const run = await cli(configDir, ['uninstall', B, '--host', HOST, '--purge', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`deleted its data in /srv/${B}/data`);
    expect(await existsOnHost(HOST, `/srv/${B}`)).toBe(false);
    expect(await existsOnHost(HOST, `/srv/${A}/data/first-start`)).toBe(true);
    expect(await health(A)).toEqual({ status: 200, body: 'ok' });
    const status = JSON.parse((await cli(configDir, ['status', '--host', HOST, '--json'])).stdout) as { deployments: { name: string; health: string }[] };
    expect(status.deployments.find((d) => d.name === A)?.health).toBe('healthy');
  });

  it('a folder that holds files is refused under --yes without --reuse-data (exit 2), naming it and the flag; nothing is made', async () => {
    await onHost(HOST, `mkdir -p ${FOREIGN} && echo mine > ${FOREIGN}/mine.txt`);
    const run = await install(PRE, '--set', `data_dir=${FOREIGN}`);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${FOREIGN} on ${HOST} already holds files`);
    expect(run.stderr).toContain('--reuse-data');
    expect(await existsOnHost(HOST, `/opt/homelab-tui/${PRE}`)).toBe(false);
    expect(await projectContainers(HOST, PRE)).toEqual([]);
  });

  it('with --reuse-data it is used ("uses existing … (holds files)"), and --purge leaves it as it was found', async () => {
    const plan = await cli(configDir, ['plan', 'labapp', '--host', HOST, '--provider', 'compose', '--name', PRE, '--set', `port=${PORTS[PRE]}`, '--set', `data_dir=${FOREIGN}`, '--reuse-data']);
    expect(plan.stdout).toContain(`uses existing ${FOREIGN} (holds files)`);
    const run = await install(PRE, '--set', `data_dir=${FOREIGN}`, '--reuse-data');
    expect(run.code, run.stderr).toBe(0);
    expect((await record(PRE)).data).toEqual([{ path: FOREIGN, created: false }]);
    const gone = await cli(configDir, ['uninstall', PRE, '--host', HOST, '--purge', '--yes']);
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).toContain(`kept ${FOREIGN}`);
    expect(await onHost(HOST, `cat ${FOREIGN}/mine.txt`)).toBe('mine\n');
  });

  it('the undo of a failed install removes the data folders it created (and the one above them)', async () => {
    const run = await install(BAD, '--set', 'version=bad');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('↶ undo: Create the data directories');
    expect(await existsOnHost(HOST, `/srv/${BAD}`)).toBe(false);
    expect(await existsOnHost(HOST, `/srv/${A}/data/first-start`)).toBe(true);
  });

  it('uninstall without --purge keeps the data and says where', async () => {
    const run = await cli(configDir, ['uninstall', A, '--host', HOST, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`its data stays in /srv/${A}/data`);
    expect(await existsOnHost(HOST, `/srv/${A}/data/first-start`)).toBe(true);
  });
});
