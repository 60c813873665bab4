// A name on several hosts never silently means the first one (issue 13): by-name commands need
// --host (exit 2, listing the hosts), and every result says which host it was about.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, labConfigDir, projectContainers } from '../compose/compose-lab.js';

const NAME = 'same-name';
let configDir = '';

beforeAll(async () => {
  configDir = await labConfigDir();
  for (const [host, port] of [['docker', 18141], ['podman', 18142]] as const) {
    const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', NAME, '--set', 'version=1', '--set', `port=${port}`, '--set', `data_dir=/srv/${NAME}-${host}`, '--yes', '--reuse-data']);
    expect(run.code, run.stderr).toBe(0);
  }
}, 300_000);

describe('one name on two hosts', () => {
  it.each([['uninstall'], ['restart'], ['logs'], ['undo'], ['unlock']])('%s NAME without --host is refused with both hosts (exit 2), and nothing changes', async (command) => {
    const run = await cli(configDir, [command, NAME, ...(command === 'uninstall' || command === 'undo' ? ['--yes'] : [])]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`"${NAME}" exists on 2 hosts: docker, podman`);
    expect(run.stderr).toContain('say which: --host docker or --host podman');
    expect(await projectContainers('docker', NAME)).toHaveLength(1);
    expect(await projectContainers('podman', NAME)).toHaveLength(1);
  });

  it('restart --host --json says which host; --dry-run changes nothing', async () => {
    const dry = await cli(configDir, ['restart', NAME, '--host', 'podman', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'planned', name: NAME, host: 'podman', kind: 'restart' });
    const run = await cli(configDir, ['restart', NAME, '--host', 'podman', '--json', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded', name: NAME, host: 'podman', kind: 'restart' });
  });

  it('uninstall --host removes only that one; then the name means the other', async () => {
    const run = await cli(configDir, ['uninstall', NAME, '--host', 'docker', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded', host: 'docker' });
    expect(await projectContainers('docker', NAME)).toEqual([]);
    expect(await projectContainers('podman', NAME)).toHaveLength(1);
    const last = await cli(configDir, ['uninstall', NAME, '--json']);
    expect(last.code, last.stderr).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ status: 'succeeded', host: 'podman' });
  });
});
