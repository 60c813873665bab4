// Issue 19: an LXC app with a domain is served over HTTPS by a Caddy homelab-tui manages on the Proxmox
// node (proxmoxLxc.proxy: caddy, certificates from Caddy's internal CA for the LAN name), reverse-proxying
// to the container's address. The site is a step of the install plan, reconfigure moves it to a new
// name, uninstall removes it. The client trusts only the CA root read from the node and reaches the
// name through the node's lab address. The container's DNS answers (nameserver, search domain) go to
// pct create, which the simulator checks against the PVE API schema, and land in the guest's resolv.conf.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { labHost, loadLab, sshRun } from '../../support/lab.js';
import { containersOf, guestAddress, nodeCallLog, nodeCallsSince, removeTestDeployments } from '../../support/lxc-lab.js';
import { contractViolations, pveCalls } from '../../support/pve-contract.js';

const lab = loadLab();
const NAME = 'e2e-caddy';
const DOMAIN = 'web-lxc.lab.test';
const MOVED = 'web-lxc2.lab.test';
const CADDY_DIR = '/var/lib/homelab-tui/proxy/caddy';
const address = guestAddress(lab, 77);
const configDir = mkdtempSync(join(tmpdir(), 'hl-lxc-caddy-'));
const rootFile = join(configDir, 'caddy-root.crt');
const env = { HOMELAB_TUI_CATALOG_DIR: fileURLToPath(new URL('../proxy/catalog', import.meta.url)) };
const cli = (...args: string[]) => labCli(configDir, args, env);
const since = nodeCallLog(lab).size;

function curl(name: string, path: string): Promise<{ code: number; out: string }> {
  const args = ['-sS', '--max-time', '5', '--cacert', rootFile, '--resolve', `${name}:443:${labHost('pve').address}`, `https://${name}${path}`];
  return new Promise((resolve) => execFile('curl', args, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` })));
}

async function untilServed(name: string): Promise<{ code: number; out: string }> {
  let last = { code: -1, out: '' };
  for (let end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
    last = await curl(name, '/health');
    if (last.code === 0) break;
  }
  return last;
}

async function onNode(command: string): Promise<string> {
  const run = await sshRun('pve', command);
  expect(run.exitCode, run.stderr).toBe(0);
  return run.stdout;
}

beforeAll(async () => {
  await removeTestDeployments(lab, NAME);
  writeFileSync(join(configDir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 30\n  proxy:\n    kind: caddy\n    caddy:\n      tls: internal\n');
  expect((await cli('hosts', 'add', 'pve', '--address', labHost('pve').alias)).code).toBe(0);
});

afterAll(async () => {
  await removeTestDeployments(lab, NAME);
  // The Caddy this file started on the node: stopped through its admin endpoint, its directory removed.
  await sshRun('pve', `caddy stop >/dev/null 2>&1 || true; rm -rf ${CADDY_DIR}`);
  rmSync(configDir, { recursive: true, force: true });
  expect(contractViolations(pveCalls(nodeCallsSince(lab, since)))).toEqual([]);
});

const sets = () => ['--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`, '--set', 'lxc_memory=64M'];

describe('an LXC app behind the managed Caddy on the node, with its internal CA', () => {
  it('the plan has the site step, the proxy preflight and the DNS options of pct create', async () => {
    const dns = ['--set', `lxc_nameserver=${lab.pve.gateway}`, '--set', 'lxc_searchdomain=lab.test'];
    const run = await cli('plan', 'labweb', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, ...sets(), ...dns, '--set', `domain=${DOMAIN}`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Serve https://${DOMAIN} through Caddy`);
    expect(run.stdout).toContain('caddy is installed on pve');
    expect(run.stdout).toContain('port 443/tcp is free for Caddy on pve');
    expect(run.stdout).toContain(`${DOMAIN} does not resolve on pve`);
    expect(run.stdout).toContain(`--nameserver ${lab.pve.gateway} --searchdomain lab.test`);
  });

  it('a dynamic address cannot be proxied: refused naming lxc_ip, nothing created', async () => {
    const run = await cli('install', 'labweb', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, '--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `domain=${DOMAIN}`, '--yes');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`"${NAME}": the reverse proxy needs the container's address, but lxc_ip is dhcp`);
    expect(run.stderr).toContain('hint: give the container a static address (lxc_ip and lxc_gateway)');
    expect(await containersOf(lab, NAME)).toEqual([]);
  });

  it('install serves https://NAME through Caddy on the node with a certificate from its CA; DNS answers reach the guest', async () => {
    const dns = ['--set', `lxc_nameserver=${lab.pve.gateway}`, '--set', 'lxc_searchdomain=lab.test'];
    const run = await cli('install', 'labweb', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, ...sets(), ...dns, '--set', `domain=${DOMAIN}`, '--yes');
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(await onNode(`cat ${CADDY_DIR}/sites/${NAME}.caddy`)).toContain(`${DOMAIN} {\n\treverse_proxy ${address}:8080\n}`);
    writeFileSync(rootFile, await onNode(`cat ${CADDY_DIR}/data/pki/authorities/local/root.crt`));
    expect(await untilServed(DOMAIN), 'https through Caddy with its local CA').toEqual({ code: 0, out: 'ok' });
    const record = JSON.parse(await onNode(`cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { urls: string[]; refs: Record<string, unknown> };
    expect(record.urls).toEqual([`https://${DOMAIN}/`, `http://${address}:8080/`]);
    expect(record.refs).toMatchObject({ proxy: 'caddy', proxySite: `${CADDY_DIR}/sites/${NAME}.caddy` });
    const [vmid] = await containersOf(lab, NAME);
    const config = JSON.parse(await onNode(`pvesh get /nodes/${lab.pve.node}/lxc/${vmid}/config --output-format json`)) as Record<string, unknown>;
    expect(config).toMatchObject({ nameserver: lab.pve.gateway, searchdomain: 'lab.test' });
    expect(await onNode(`pct exec ${vmid} -- cat /etc/resolv.conf`)).toBe(`search lab.test\nnameserver ${lab.pve.gateway}\n`);
  }, 120_000);

  it('reconfigure moves the site to a new name: the new one is served, the old one no longer', async () => {
    const dry = await cli('reconfigure', NAME, '--set', `domain=${MOVED}`, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`Serve https://${MOVED} through Caddy (was ${DOMAIN})`);
    const run = await cli('reconfigure', NAME, '--set', `domain=${MOVED}`, '--yes');
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(await onNode(`cat ${CADDY_DIR}/sites/${NAME}.caddy`)).toContain(`${MOVED} {\n\treverse_proxy ${address}:8080\n}`);
    expect(await untilServed(MOVED)).toEqual({ code: 0, out: 'ok' });
    expect((await curl(DOMAIN, '/health')).code).not.toBe(0);
    const record = JSON.parse(await onNode(`cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { urls: string[]; answers: Record<string, unknown> };
    expect(record.urls[0]).toBe(`https://${MOVED}/`);
    expect(record.answers.domain).toBe(MOVED);
  }, 120_000);

  it('uninstall removes its site: the file is gone and Caddy no longer serves the name', async () => {
    const run = await cli('uninstall', NAME, '--host', 'pve', '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect((await sshRun('pve', `test -e ${CADDY_DIR}/sites/${NAME}.caddy`)).exitCode).toBe(1);
    expect((await curl(MOVED, '/health')).code).not.toBe(0);
    expect(await containersOf(lab, NAME)).toEqual([]);
  }, 60_000);
});
