// qBittorrent installed for real by its LXC recipe, through the built CLI, in a Debian 12 guest with
// systemd on the lab's pve host: the recipe's steps run unchanged (apt-get through the lab's
// apt-cacher-ng, the only way out of the lab), the generated systemd unit runs qbittorrent-nox, the
// WebUI answers and takes the documented first login of the Debian version (4.5.x: admin/adminadmin),
// status shows the package's version, logs read the journal, uninstall keeps the profile, a reinstall
// with --reuse-data sees it again, and --purge removes it. One install, reused across the steps.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { httpGet, labHost, loadLab, sshRun } from '../../support/lab.js';
import { containersOf, guestAddress, nodeCallLog, nodeCallsSince, removeTestDeployments } from '../../support/lxc-lab.js';
import { contractViolations, pveCalls } from '../../support/pve-contract.js';

const lab = loadLab();
const NAME = 'e2e-qbt';
const address = guestAddress(lab, 70);
const webui = `http://${address}:8080`;
const DATA = `/var/lib/homelab-tui/data/${NAME}/var/lib/qbittorrent`;
const DOWNLOADS = `/srv/${NAME}-downloads`;
const templateFile = lab.pve.debianTemplate.replace(/^[^:]+:vztmpl\//, '');
const since = nodeCallLog(lab).size;
const configDir = mkdtempSync(join(tmpdir(), 'hl-qbt-'));
const noProxyDir = mkdtempSync(join(tmpdir(), 'hl-qbt-noproxy-'));
const cli = (...args: string[]) => labCli(configDir, args);
const sets = [
  '--set', `lxc_storage=${lab.pve.storage.id}`, '--set', 'lxc_disk=2G', '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`,
  '--set', `downloads_dir=${DOWNLOADS}`,
];
const install = (...extra: string[]) => cli('install', 'qbittorrent', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, ...sets, '--yes', ...extra);
const curl = promisify(execFile);

/** Logs in with the documented default of qBittorrent 4.5.x and runs one API call with the session. */
async function withLogin(path: string, form?: string): Promise<string> {
  const jar = join(configDir, 'cookies');
  const login = await curl('curl', ['-sS', '-m', '10', '-c', jar, '-d', 'username=admin&password=adminadmin', `${webui}/api/v2/auth/login`]);
  expect(login.stdout).toBe('Ok.');
  const call = await curl('curl', ['-sS', '-m', '10', '-b', jar, ...(form !== undefined ? ['-d', form] : []), `${webui}${path}`]);
  return call.stdout;
}

async function onNode(script: string): Promise<string> {
  return (await sshRun('pve', script, { timeoutMs: 60_000 })).stdout;
}

beforeAll(async () => {
  await removeTestDeployments(lab, NAME);
  await sshRun('pve', ['rm', '-rf', '--', DOWNLOADS]);
  // `pveam download local debian-12-standard_…`: the simulator copies it from its catalogue.
  const started = Date.now();
  const download = await sshRun('pve', ['pvesh', 'create', `/nodes/${lab.pve.node}/aplinfo`, '--storage', lab.pve.storage.id, '--template', templateFile], { timeoutMs: 120_000 });
  expect(download.exitCode, download.stderr).toBe(0);
  console.log(`Debian template into storage ${lab.pve.storage.id} in ${Date.now() - started} ms`);
  writeFileSync(join(configDir, 'settings.yaml'), `proxmoxLxc:\n  aptProxy: ${lab.pve.aptProxy}\n  healthTimeoutSeconds: 120\n`);
  writeFileSync(join(noProxyDir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 120\n');
  for (const dir of [configDir, noProxyDir]) {
    const added = await labCli(dir, ['hosts', 'add', 'pve', '--address', labHost('pve').alias]);
    expect(added.code, added.stderr).toBe(0);
  }
}, 180_000);

afterAll(async () => {
  await removeTestDeployments(lab, NAME);
  await sshRun('pve', ['rm', '-rf', '--', DOWNLOADS, `${lab.pve.storage.path}/template/cache/${templateFile}`]);
  rmSync(configDir, { recursive: true, force: true });
  rmSync(noProxyDir, { recursive: true, force: true });
  // Last, so a violation fails the file after the cleanup has run: every pct/pvesh call is one PVE accepts.
  expect(contractViolations(pveCalls(nodeCallsSince(lab, since)))).toEqual([]);
}, 180_000);

describe('qBittorrent from Debian in a Proxmox container, through the CLI', () => {
  it('without an apt proxy, preflight says plainly that the guest cannot reach a package mirror, and nothing is created', async () => {
    const run = await labCli(noProxyDir, ['install', 'qbittorrent', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, ...sets, '--yes']);
    expect(run.code).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/the guest cannot reach a package mirror: deb\.debian\.org does not answer from \S+ \(curl: .*\), and no apt proxy is set/);
    expect(`${run.stdout}${run.stderr}`).toContain('set proxmoxLxc.aptProxy in settings.yaml');
    expect(await containersOf(lab, NAME)).toEqual([]);
  });

  it('install runs the recipe in a Debian guest through the apt proxy; the WebUI answers and takes the first login it shows', async () => {
    const started = Date.now();
    const run = await install();
    console.log(`qBittorrent install in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    expect(run.stdout.trim()).toBe(`installed ${NAME} on pve: ${webui}/`);
    expect(run.stderr).toContain(`apt uses the proxy ${lab.pve.aptProxy}`);
    expect(run.stderr).toMatch(/Setting up qbittorrent-nox \(4\.5\.\d/);
    expect(run.stderr).toMatch(/First login: user admin, password adminadmin \(the documented default of qBittorrent 4\.5\.\d\S*\)/);
    // The package came through the lab's apt-cacher-ng (its transfer log names it).
    expect(readFileSync(join(lab.stateDir, 'apt-proxy', 'apt-cacher.log'), 'utf8')).toContain('qbittorrent-nox_4.5.');
    const page = await httpGet(`${webui}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('qBittorrent');
    expect(await withLogin('/api/v2/app/version')).toMatch(/^v4\.5\.\d+$/);
    // systemd runs the generated unit as the qbittorrent user.
    const vmid = (await containersOf(lab, NAME))[0] as number;
    const unit = await sshRun('pve', ['pct', 'exec', String(vmid), '--', 'systemctl', 'show', '-p', 'ActiveState', '-p', 'User', 'qbittorrent']);
    expect(unit.stdout).toBe('User=qbittorrent\nActiveState=active\n');
  }, 600_000);

  it('status --json is healthy and shows the Debian package version', async () => {
    const run = await cli('status', '--host', 'pve', '--json');
    expect(run.code, run.stderr).toBe(0);
    const { deployments } = JSON.parse(run.stdout) as { deployments: { name: string; health: string; version: string; services: { state: string; version?: string }[] }[] };
    // The record carries the installed Debian version (bookworm: 4.5.x), not the recipe's image tag.
    expect(deployments).toEqual([expect.objectContaining({ name: NAME, health: 'healthy', version: expect.stringMatching(/^4\.5\.\d+-\S+$/) })]);
    expect(deployments[0]?.services[0]).toMatchObject({ state: 'running', version: expect.stringMatching(/^4\.5\.\d+-\S+$/) });
  });

  it('logs shows its journal', async () => {
    const run = await cli('logs', NAME, '--tail', '50');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^qbittorrent \| \S+ \S+ systemd\[1\]: Started qbittorrent\.service/m);
  });

  it('restart starts a new qbittorrent-nox, and the WebUI answers again', async () => {
    const vmid = String((await containersOf(lab, NAME))[0]);
    const pid = async () => (await sshRun('pve', ['pct', 'exec', vmid, '--', 'systemctl', 'show', '-p', 'MainPID', '--value', 'qbittorrent'])).stdout.trim();
    const before = await pid();
    const run = await cli('restart', NAME, '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect(await pid()).not.toBe(before);
    expect((await httpGet(`${webui}/`)).status).toBe(200);
  }, 180_000);

  it('uninstall keeps the profile on the node, and a reinstall with --reuse-data sees a category made in the WebUI again', async () => {
    expect(await withLogin('/api/v2/torrents/createCategory', 'category=e2e-kept')).toBe('');
    const gone = await cli('uninstall', NAME, '--yes');
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).toContain(`its data stays in ${DATA}`);
    expect(await containersOf(lab, NAME)).toEqual([]);
    expect(await onNode(`cat ${DATA}/qBittorrent/config/categories.json`)).toContain('e2e-kept');

    const again = await install('--reuse-data');
    expect(again.code, again.stderr.slice(-3000)).toBe(0);
    expect(JSON.parse(await withLogin('/api/v2/torrents/categories'))).toHaveProperty('e2e-kept');
  }, 600_000);

  it('uninstall --purge removes the container and the profile', async () => {
    const run = await cli('uninstall', NAME, '--purge', '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect(await containersOf(lab, NAME)).toEqual([]);
    expect(await onNode(`test -e ${DATA} && echo there || echo gone`)).toBe('gone\n');
  }, 180_000);
});
