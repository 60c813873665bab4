// Adoption on the lab's Docker host: a compose project started by hand with docker-compose shows as
// unmanaged (status, and the dashboard in tmux), `adopt` writes its record and changes nothing else,
// the first `reconfigure --dry-run` shows exactly what differs from what the recipe writes, applying
// it takes the project over with its data, and then backup and update work on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, httpGet, labHost } from '../../support/lab.js';
import { TmuxSession } from '../../support/tmux.js';
import { cli, lab, labConfigDir, onHost } from './compose-lab.js';

const HOST = 'docker';
const PROJECT = 'adopt-hand';
const PORT = 18310;
const DIR = `/srv/${PROJECT}`;
const url = `http://${labHost(HOST).address}:${PORT}`;

const HAND_WRITTEN = `services:\n  web:\n    image: local/labapp:1\n    ports: ["${PORT}:8080"]\n    volumes: ["${DIR}/data:/data"]\n`;

let configDir = '';

async function cleanUp(): Promise<void> {
  await onHost(HOST, `rm -f /var/lib/homelab-tui/deployments/${PROJECT}.json; ids=$(docker ps -aq --filter label=com.docker.compose.project=${PROJECT}); [ -z "$ids" ] || docker rm -f $ids >/dev/null; rm -rf ${DIR}; true`);
}

beforeAll(async () => {
  configDir = await labConfigDir();
  await cleanUp();
  await onHost(HOST, `mkdir -p ${DIR}/data && cd ${DIR} && printf '%s' '${HAND_WRITTEN}' > docker-compose.yml && echo kept > data/mine.txt && docker-compose up -d 2>&1`);
  await eventually('the hand-made project answers', async () => (await httpGet(`${url}/health`)).status === 200, 30_000);
}, 120_000);
afterAll(cleanUp, 60_000);

describe('adopting a compose project started by hand', () => {
  it('status lists it as unmanaged with the command that adopts it; the exit code stays 0', async () => {
    const run = await cli(configDir, ['status', '--host', HOST, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { hosts } = JSON.parse(run.stdout) as { hosts: { unmanaged: { name: string; provider: string; summary: string; hint: string }[] }[] };
    expect(hosts[0]?.unmanaged).toContainEqual({
      name: PROJECT,
      provider: 'compose',
      summary: `compose project (docker): 1/1 running, local/labapp:1, in ${DIR}`,
      hint: `adopt it: homelab-tui adopt ${PROJECT} --host ${HOST}`,
    });
  });

  it('the dashboard shows it under its host as unmanaged', async () => {
    const session = await TmuxSession.start({ columns: 120, rows: 30, env: { HOME: configDir, SSH_AUTH_SOCK: '' } });
    try {
      await session.type(TmuxSession.appCommand(['--config-dir', configDir, '--ssh-config', lab.ssh.config]));
      await session.press('Enter');
      await session.waitFor(new RegExp(`${PROJECT} +unmanaged · compose project \\(docker\\): 1/1 running`), 30_000);
    } finally {
      await session.stop();
    }
  });

  it('adopt --dry-run shows the recipe, version and answers it read, and writes nothing', async () => {
    const run = await cli(configDir, ['adopt', PROJECT, '--host', HOST, '--dry-run', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ adopted: false, app: 'labapp', version: '1', answers: { port: PORT, data_dir: `${DIR}/data`, compose_project: PROJECT } });
    expect((await onHost(HOST, `test -e /var/lib/homelab-tui/deployments/${PROJECT}.json && echo yes || echo no`)).trim()).toBe('no');
    const bad = await cli(configDir, ['adopt', 'no-such-project', '--host', HOST, '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no unmanaged compose project named "no-such-project" on docker');
  });

  it('adopt --yes writes the record and nothing else: the same container runs, now healthy in status', async () => {
    const before = await onHost(HOST, `docker ps -q --filter label=com.docker.compose.project=${PROJECT}`);
    const run = await cli(configDir, ['adopt', PROJECT, '--host', HOST, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`adopted ${PROJECT} as ${PROJECT} on ${HOST}; nothing on the host changed but its record`);
    expect((await onHost(HOST, `docker ps -q --filter label=com.docker.compose.project=${PROJECT}`)).trim()).toBe(before.trim());
    expect((await onHost(HOST, `cat ${DIR}/docker-compose.yml`)).trim()).toBe(HAND_WRITTEN.trim());
    const status = await cli(configDir, ['status', '--host', HOST, '--json']);
    const parsed = JSON.parse(status.stdout) as { deployments: { name: string; health: string; services: { name: string }[] }[]; hosts: { unmanaged: { name: string }[] }[] };
    expect(parsed.deployments.find((d) => d.name === PROJECT)).toMatchObject({ health: 'healthy', services: [{ name: 'web' }] });
    expect(parsed.hosts[0]?.unmanaged.map((u) => u.name)).not.toContain(PROJECT);
  });

  it('the first reconfigure --dry-run shows exactly what differs from what the recipe writes; applying it takes the project over with its data', async () => {
    const dry = await cli(configDir, ['reconfigure', PROJECT, '--host', HOST, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('answers: no changes; what runs differs from what they write:');
    expect(dry.stdout).toContain(`  ${DIR}/docker-compose.yml`);
    expect(dry.stdout).toMatch(/^ {4}- {3}web:$/m);
    expect(dry.stdout).toMatch(/^ {4}\+ {3}labapp:$/m);
    expect(dry.stdout).toContain('take over from the file that runs now: remove the containers of web, then create labapp');
    const apply = await cli(configDir, ['reconfigure', PROJECT, '--host', HOST, '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    expect((await onHost(HOST, `cat ${DIR}/data/mine.txt`)).trim()).toBe('kept');
    const again = await cli(configDir, ['reconfigure', PROJECT, '--host', HOST, '--dry-run']);
    expect(again.stdout).toContain('what runs is what the answers write: nothing to do');
  });

  it('then backup and update work on it, the data kept', async () => {
    const backup = await cli(configDir, ['backup', PROJECT, '--host', HOST, '--json', '--to', configDir]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ archive: expect.stringContaining(PROJECT) });
    const update = await cli(configDir, ['update', PROJECT, '--host', HOST, '--to', '2', '--yes']);
    expect(update.code, update.stderr).toBe(0);
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '2' });
    expect((await onHost(HOST, `cat ${DIR}/data/mine.txt`)).trim()).toBe('kept');
    // The folder was the user's: uninstall --purge keeps it.
    const gone = await cli(configDir, ['uninstall', PROJECT, '--host', HOST, '--purge', '--yes']);
    expect(gone.code, gone.stderr).toBe(0);
    expect((await onHost(HOST, `cat ${DIR}/data/mine.txt`)).trim()).toBe('kept');
  });
});
