// Issue 19: the reverse proxy on a host of the user's choice. hosts.yaml names the lab's proxy host
// (bare, with Debian's caddy) for the docker host and the pve node (`proxy: { host: bare, upstream }`);
// labweb (the lab app with a domain) on compose and on LXC is then served at https://NAME.lab.test by
// the managed Caddy on bare with its internal CA, forwarding to the docker host's address on bare's
// link and to the container's address (bare routes the guests through the pve node). The client
// trusts only the CA root read from bare. Reconfigure moves the compose site on bare; uninstall removes
// both sites there. The records on the app hosts name the proxy host (refs.proxyHost).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { labHost, loadLab, sshRun } from '../../support/lab.js';
import { guestAddress, removeTestDeployments } from '../../support/lxc-lab.js';

const lab = loadLab();
const PROXY = lab.proxy?.host ?? 'bare';
const COMPOSE = 'pxh-web1';
const INTERRUPTED = 'pxh-int1';
const LXC = 'pxh-lxc1';
const PORT = 18341;
const CADDY_DIR = '/var/lib/homelab-tui/proxy/caddy';
const address = guestAddress(lab, 78);
const configDir = mkdtempSync(join(tmpdir(), 'hl-proxy-host-'));
const rootFile = join(configDir, 'caddy-root.crt');
const env = { HOMELAB_TUI_CATALOG_DIR: fileURLToPath(new URL('./catalog', import.meta.url)) };
const cli = (...args: string[]) => labCli(configDir, args, env);

function curl(name: string): Promise<{ code: number; out: string }> {
  const args = ['-sS', '--max-time', '5', '--cacert', rootFile, '--resolve', `${name}:443:${labHost(PROXY).address}`, `https://${name}/health`];
  return new Promise((resolve) => execFile('curl', args, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` })));
}

async function untilServed(name: string): Promise<{ code: number; out: string }> {
  let last = { code: -1, out: '' };
  for (let end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
    last = await curl(name);
    if (last.code === 0) break;
  }
  return last;
}

async function on(host: string, command: string): Promise<string> {
  const run = await sshRun(host, command, { timeoutMs: 60_000 });
  expect(run.exitCode, `${host}: ${command}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

const lxcSets = () => ['--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`, '--set', 'lxc_memory=64M'];

async function cleanUp(): Promise<void> {
  for (const name of [COMPOSE, INTERRUPTED]) await cli('uninstall', name, '--host', 'docker', '--purge', '--yes');
  await removeTestDeployments(lab, LXC);
  await sshRun('docker', `rm -rf /srv/${COMPOSE} /srv/${INTERRUPTED}`);
  await sshRun(PROXY, `caddy stop >/dev/null 2>&1 || true; rm -rf ${CADDY_DIR}`);
}

beforeAll(async () => {
  expect(lab.proxy?.upstreams.docker, 'the lab has a proxy host linked to the docker host (npm run lab:up)').toBeTruthy();
  // No proxy kind in settings: hosts.yaml's proxy host is what asks for the managed Caddy. Its settings (the internal CA) are the provider's.
  writeFileSync(join(configDir, 'settings.yaml'), 'compose:\n  healthTimeoutSeconds: 30\n  proxy:\n    caddy:\n      tls: internal\nproxmoxLxc:\n  healthTimeoutSeconds: 30\n  proxy:\n    caddy:\n      tls: internal\n');
  const hosts = [
    `  - name: docker\n    address: ${labHost('docker').alias}\n    proxy:\n      host: ${PROXY}\n      upstream: ${lab.proxy?.upstreams.docker ?? ''}`,
    `  - name: pve\n    address: ${labHost('pve').alias}\n    proxy:\n      host: ${PROXY}`,
    `  - name: ${PROXY}\n    address: ${labHost(PROXY).alias}`,
  ];
  writeFileSync(join(configDir, 'hosts.yaml'), `hosts:\n${hosts.join('\n')}\n`, { mode: 0o600 });
  await cleanUp();
}, 120_000);

afterAll(async () => {
  await cleanUp();
  rmSync(configDir, { recursive: true, force: true });
}, 120_000);

describe('the managed Caddy on a proxy host of the user\'s choice', () => {
  it('the plan puts the site on the proxy host and checks it there', async () => {
    const run = await cli('plan', 'labweb', '--host', 'docker', '--provider', 'compose', '--name', COMPOSE, '--set', `port=${PORT}`, '--set', 'domain=pxh1.lab.test');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Serve https://pxh1.lab.test through Caddy on ${PROXY}`);
    expect(run.stdout).toContain(`reverse_proxy ${lab.proxy?.upstreams.docker}:${PORT}`);
    expect(run.stdout).toContain(`caddy is installed on the proxy host ${PROXY}`);
    expect(run.stdout).toContain(`port 443/tcp is free for Caddy on ${PROXY}`);
    expect(run.stdout).toContain(`pxh1.lab.test does not resolve on ${PROXY}`);
  }, 60_000);

  it('serves compose and LXC apps at https://NAME.lab.test through it, moves a site on reconfigure, and uninstall removes the sites', async () => {
    const web = await cli('install', 'labweb', '--host', 'docker', '--provider', 'compose', '--name', COMPOSE, '--set', `port=${PORT}`, '--set', 'domain=pxh1.lab.test', '--yes');
    expect(web.code, `${web.stdout}\n${web.stderr}`).toBe(0);
    // Nothing of the proxy on the app host: the site and Caddy are on the proxy host.
    expect((await sshRun('docker', `test -e ${CADDY_DIR}`)).exitCode).not.toBe(0);
    writeFileSync(rootFile, await on(PROXY, `cat ${CADDY_DIR}/data/pki/authorities/local/root.crt`));
    expect(await untilServed('pxh1.lab.test'), 'compose app through the proxy host').toEqual({ code: 0, out: 'ok' });
    const record = JSON.parse(await on('docker', `cat /var/lib/homelab-tui/deployments/${COMPOSE}.json`)) as { urls: string[]; refs: Record<string, string> };
    expect(record.urls[0]).toBe('https://pxh1.lab.test/');
    expect(record.refs).toMatchObject({ proxy: 'caddy', proxyHost: PROXY, proxySite: `${CADDY_DIR}/sites/${COMPOSE}.caddy` });

    const ct = await cli('install', 'labweb', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', LXC, ...lxcSets(), '--set', 'domain=pxh2.lab.test', '--yes');
    expect(ct.code, `${ct.stdout}\n${ct.stderr}`).toBe(0);
    expect(await on(PROXY, `cat ${CADDY_DIR}/sites/${LXC}.caddy`)).toContain(`pxh2.lab.test {\n\treverse_proxy ${address}:8080\n}`);
    expect(await untilServed('pxh2.lab.test'), 'LXC app through the proxy host').toEqual({ code: 0, out: 'ok' });
    expect((await untilServed('pxh1.lab.test')).code, 'the compose site still served beside it').toBe(0);

    const moved = await cli('reconfigure', COMPOSE, '--host', 'docker', '--set', 'domain=pxh3.lab.test', '--yes');
    expect(moved.code, `${moved.stdout}\n${moved.stderr}`).toBe(0);
    expect(await on(PROXY, `cat ${CADDY_DIR}/sites/${COMPOSE}.caddy`)).toContain(`pxh3.lab.test {\n\treverse_proxy ${lab.proxy?.upstreams.docker}:${PORT}\n}`);
    expect(await untilServed('pxh3.lab.test'), 'the new name').toEqual({ code: 0, out: 'ok' });
    expect((await curl('pxh1.lab.test')).code).not.toBe(0);

    const goneWeb = await cli('uninstall', COMPOSE, '--host', 'docker', '--yes');
    expect(goneWeb.code, goneWeb.stderr).toBe(0);
    expect(goneWeb.stdout + goneWeb.stderr).toContain(`Remove its site from Caddy on ${PROXY}`);
    const goneCt = await cli('uninstall', LXC, '--host', 'pve', '--yes');
    expect(goneCt.code, goneCt.stderr).toBe(0);
    expect((await on(PROXY, `ls ${CADDY_DIR}/sites`)).trim()).toBe('');
    expect((await curl('pxh3.lab.test')).code).not.toBe(0);
    expect((await curl('pxh2.lab.test')).code).not.toBe(0);
  }, 300_000);

  it('an install killed while the proxy host\'s step runs leaves its journal on the app host, and undo removes the site from the proxy host', async () => {
    // A Caddy that cannot start (something else holds its admin port) keeps the step waiting for 10 s:
    // the site file is on the proxy host when the CLI is killed.
    await on(PROXY, `caddy stop >/dev/null 2>&1 || true; rm -rf ${CADDY_DIR}`);
    const squatter = (await on(PROXY, 'setsid python3 -m http.server --bind 127.0.0.1 2019 >/dev/null 2>&1 </dev/null & echo $!')).trim();
    try {
      const child = spawn(process.execPath, [fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url)), '--config-dir', configDir, '--ssh-config', lab.ssh.config, 'install', 'labweb', '--host', 'docker', '--provider', 'compose', '--name', INTERRUPTED, '--set', 'port=18342', '--set', 'domain=pxh4.lab.test', '--yes'], {
        env: { ...process.env, ...env, HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the proxy step never started:\n${output}`)), 90_000);
        const watch = (chunk: Buffer) => {
          output += chunk.toString();
          // Printed after the site was written, as Caddy is asked to load it.
          if (/caddy validate\) and reload Caddy/.test(output)) {
            clearTimeout(timer);
            child.kill('SIGKILL');
            resolve();
          }
        };
        child.stdout.on('data', watch);
        child.stderr.on('data', watch);
      });
      await exited;
      expect(output).toContain(`Serve https://pxh4.lab.test through Caddy on ${PROXY}`);
      expect((await sshRun(PROXY, `test -f ${CADDY_DIR}/sites/${INTERRUPTED}.caddy`)).exitCode, 'the site was written on the proxy host').toBe(0);
      const record = JSON.parse(await on('docker', `cat /var/lib/homelab-tui/deployments/${INTERRUPTED}.json`)) as { refs: Record<string, string>; operation?: { kind: string; steps: { id: string; host?: string }[] } };
      expect(record.operation?.kind).toBe('install');
      expect(record.operation?.steps.find((st) => st.id === 'proxy')?.host).toBe(PROXY);
      expect(record.refs).toMatchObject({ proxyHost: PROXY, proxySite: `${CADDY_DIR}/sites/${INTERRUPTED}.caddy` });
    } finally {
      await sshRun(PROXY, `kill ${squatter}`);
    }
    const undone = await cli('undo', INTERRUPTED, '--host', 'docker', '--yes');
    expect(undone.code, `${undone.stdout}\n${undone.stderr}`).toBe(0);
    expect(`${undone.stdout}${undone.stderr}`).toContain(`Remove its site from Caddy on ${PROXY}`);
    expect((await sshRun(PROXY, `test -e ${CADDY_DIR}/sites/${INTERRUPTED}.caddy`)).exitCode, 'the site is gone from the proxy host').not.toBe(0);
    expect((await sshRun('docker', `test -e /var/lib/homelab-tui/deployments/${INTERRUPTED}.json`)).exitCode, 'the record is gone').not.toBe(0);
  }, 240_000);
});
