// reconfigure on compose through the built CLI on the lab's Docker host: a port change reviewed as a
// diff (--dry-run changes nothing), a refused value (exit 2, nothing changed), the change applied
// (the app answers on the new port only, its data untouched), and a change whose new configuration
// fails the health gate put back by itself (a test recipe whose image build is an answer).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { eventually, httpGet, labHost } from '../../support/lab.js';
import { cli, lab, labConfigDir, onHost } from './compose-lab.js';

const BIN = fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url));

const host = 'docker';
const address = labHost(host).address;
const RECONFIGURE_CATALOG = fileURLToPath(new URL('./reconfigure-catalog', import.meta.url));

/** Whether something answers HTTP on the port (a refused connection: false). */
async function answers(port: number): Promise<boolean> {
  return httpGet(`http://${address}:${port}/health`, 2_000).then(
    () => true,
    () => false,
  );
}

async function hostRecord(name: string): Promise<{ answers: Record<string, unknown>; probe: { port: number }; urls: string[]; operation?: unknown }> {
  return JSON.parse(await onHost(host, `cat /var/lib/homelab-tui/deployments/${name}.json`));
}

let configDir = '';
beforeAll(async () => {
  // A short health gate, so the failed change is put back in seconds.
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 8\n');
});

describe('reconfigure the lab app on compose: port 8383 -> 8384', () => {
  const name = 'rcfg-port';
  const file = `/opt/homelab-tui/${name}/compose.yaml`;
  const dataDir = `/srv/${name}/data`;
  let composeBefore = '';
  let firstStart = '';

  beforeAll(async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', name, '--set', 'port=8383', '--set', `data_dir=${dataDir}`, '--yes', '--reuse-data']);
    expect(run.code, run.stderr).toBe(0);
    composeBefore = await onHost(host, `cat ${file}`);
    firstStart = await onHost(host, `cat ${dataDir}/first-start`);
  });

  it('--dry-run shows the answers diff, the compose file diff with both ports and the recreate; nothing changes', async () => {
    const run = await cli(configDir, ['reconfigure', name, '--set', 'port=8384', '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('port (Host port): 8383 -> 8384');
    expect(run.stdout).toMatch(/^ +- +- "8383:8080\/tcp"$/m);
    expect(run.stdout).toMatch(/^ +\+ +- "8384:8080\/tcp"$/m);
    expect(run.stdout).toContain(`recreate labapp (docker-compose -p ${name} -f ${file} up -d)`);
    expect(run.stdout).toContain('✓ port 8384/tcp is free on docker');
    const json = await cli(configDir, ['reconfigure', name, '--set', 'port=8384', '--dry-run', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'planned', name, host, kind: 'reconfigure', answers: [{ id: 'port', before: 8383, after: 8384 }], files: [{ path: file }] });
    expect(await onHost(host, `cat ${file}`)).toBe(composeBefore);
    expect(await answers(8383)).toBe(true);
    expect(await answers(8384)).toBe(false);
  });

  it('a refused value (port 99999) exits 2 naming the field and what is valid; nothing changes', async () => {
    const run = await cli(configDir, ['reconfigure', name, '--set', 'port=99999', '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"port" (Host port)');
    expect(run.stderr).toContain('1 to 65535');
    expect(run.stderr).not.toMatch(/at .+\.js:\d+/);
    expect(await onHost(host, `cat ${file}`)).toBe(composeBefore);
    expect((await hostRecord(name)).answers.port).toBe(8383);
  });

  it('the version is not reconfigured (that is an update): exit 2, nothing changes', async () => {
    const run = await cli(configDir, ['reconfigure', name, '--set', 'version=2', '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"version"');
    expect(run.stderr).toContain('homelab-tui update rcfg-port');
    expect(await onHost(host, `cat ${file}`)).toBe(composeBefore);
  });

  it('a data folder is not moved in place, and a bad answers file names its line without echoing the value: exit 2, nothing changes', async () => {
    const moved = await cli(configDir, ['reconfigure', name, '--set', 'data_dir=/srv/elsewhere', '--yes']);
    expect(moved.code).toBe(2);
    expect(moved.stderr).toContain('a data folder cannot be changed in place; nothing was changed');
    const answersFile = join(configDir, 'changes.yaml');
    writeFileSync(answersFile, 'port: 70000\n');
    const bad = await cli(configDir, ['reconfigure', name, '--answers', answersFile, '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${answersFile}:1`);
    expect(bad.stderr).toContain('port');
    expect(bad.stderr).not.toContain('70000');
    expect(await onHost(host, `cat ${file}`)).toBe(composeBefore);
  });

  it('applied: it answers on 8384 only, the record says 8384, the data is the same', async () => {
    const run = await cli(configDir, ['reconfigure', name, '--set', 'port=8384', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`reconfigured ${name} on ${host}; it is healthy: http://${address}:8384/`);
    expect(await httpGet(`http://${address}:8384/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await answers(8383)).toBe(false);
    const record = await hostRecord(name);
    expect(record).toMatchObject({ answers: { port: 8384 }, probe: { port: 8384 }, urls: [`http://${address}:8384/`] });
    expect(record.operation).toBeUndefined();
    expect(await onHost(host, `cat ${dataDir}/first-start`)).toBe(firstStart);
    const status = await cli(configDir, ['status', '--host', host, '--json']);
    expect(JSON.parse(status.stdout).deployments).toContainEqual(expect.objectContaining({ name, health: 'healthy' }));
  });

  it('the same answers again: nothing to do, nothing recreated', async () => {
    const run = await cli(configDir, ['reconfigure', name, '--set', 'port=8384', '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'unchanged', answers: [], steps: [] });
  });

  it('a reconfigure killed mid-way is listed as interrupted; undo brings back the recorded configuration', async () => {
    const child = spawn(process.execPath, [BIN, '--config-dir', configDir, '--ssh-config', lab.ssh.config, 'reconfigure', name, '--set', 'port=8388', '--yes'], {
      env: { ...process.env, HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    await eventually('the health step to start', async () => stderr.includes('[3/4'), 60_000, 100);
    child.kill('SIGKILL');
    await exited;
    const status = await cli(configDir, ['status', '--host', host, '--json']);
    expect(JSON.parse(status.stdout).deployments).toContainEqual(expect.objectContaining({ name, health: 'interrupted' }));
    const undo = await cli(configDir, ['undo', name, '--yes']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout.trim()).toBe(`took back the interrupted reconfigure of ${name} on ${host}`);
    expect(await httpGet(`http://${address}:8384/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await answers(8388)).toBe(false);
    const record = await hostRecord(name);
    expect(record.answers.port).toBe(8384);
    expect(record.operation).toBeUndefined();
  });

  it('uninstall afterwards', async () => {
    expect((await cli(configDir, ['uninstall', name, '--yes'])).code).toBe(0);
  });
});

describe('on Podman (podman-compose starts what it finds: the containers are taken down and made again)', () => {
  const name = 'rcfg-podman';
  const podman = labHost('podman').address;

  it('port 8393 -> 8394: it answers on the new port only; the record follows', async () => {
    const install = await cli(configDir, ['install', 'labapp', '--host', 'podman', '--provider', 'compose', '--name', name, '--set', 'port=8393', '--yes', '--reuse-data']);
    expect(install.code, install.stderr).toBe(0);
    const run = await cli(configDir, ['reconfigure', name, '--set', 'port=8394', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`reconfigured ${name} on podman; it is healthy: http://${podman}:8394/`);
    expect(await httpGet(`http://${podman}:8394/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await httpGet(`http://${podman}:8393/health`, 2_000).then(() => true, () => false)).toBe(false);
    expect((await cli(configDir, ['uninstall', name, '--yes'])).code).toBe(0);
  });
});

describe('a reconfigure whose new configuration fails the health gate is put back by itself', () => {
  const name = 'rcfg-bad';
  const file = `/opt/homelab-tui/${name}/compose.yaml`;
  const env = { HOMELAB_TUI_CATALOG_DIR: RECONFIGURE_CATALOG };

  it('build 1 -> bad: exit 1, undone; the previous compose file, record and app answer again', async () => {
    const install = await cli(configDir, ['install', 'labtag', '--host', host, '--name', name, '--set', 'port=8385', '--yes', '--reuse-data'], env);
    expect(install.code, install.stderr).toBe(0);
    const composeBefore = await onHost(host, `cat ${file}`);
    const run = await cli(configDir, ['reconfigure', name, '--set', 'build=bad', '--yes'], env);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^reconfigure of ${name} on ${host} undone: `));
    expect(run.stderr).toContain('↶ undo: Recreate app');
    // The old configuration is healthy again (undo waited for it), with the old file and record.
    expect(await httpGet(`http://${address}:8385/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await httpGet(`http://${address}:8385/version`)).toEqual({ status: 200, body: '1' });
    expect(await onHost(host, `cat ${file}`)).toBe(composeBefore);
    const record = await hostRecord(name);
    expect(record.answers.build).toBe('1');
    expect(record.operation).toBeUndefined();
    expect((await cli(configDir, ['uninstall', name, '--yes'], env)).code).toBe(0);
  });
});
