// Issue 19: an app with a domain on a compose host is served over HTTPS by a Caddy homelab-tui manages
// on that host, with a certificate from an ACME server (pebble, in the lab), and uninstall removes its
// site. The client trusts only pebble's root and reaches the name through the lab address.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labHost } from '../../support/lab.js';
import { cli, existsOnHost, labConfigDir, onHost } from '../compose/compose-lab.js';
import { fileURLToPath } from 'node:url';
import { startAcmeLab, type AcmeLab } from './acme-lab.js';
import { statusCertificate } from './status-certificate.js';

const HOST = 'docker';
const NAME = 'tls-web1';
const DOMAIN = 'web1.lab.test';
const PORT = 18291;
const CADDY_DIR = '/var/lib/homelab-tui/proxy/caddy';
const CATALOG = fileURLToPath(new URL('./catalog', import.meta.url));
const env = { HOMELAB_TUI_CATALOG_DIR: CATALOG };
let acme: AcmeLab | undefined;
let configDir = '';

function curl(path: string): Promise<{ code: number; out: string }> {
  const args = ['-sS', '--max-time', '5', '--cacert', acme?.issuedRoot ?? '', '--resolve', `${DOMAIN}:443:${labHost(HOST).address}`, `https://${DOMAIN}${path}`];
  return new Promise((resolve) => execFile('curl', args, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` })));
}

async function eventually(fn: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) return;
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  acme = await startAcmeLab(HOST);
  configDir = await labConfigDir(
    `compose:\n  healthTimeoutSeconds: 30\n  proxy:\n    kind: caddy\n    caddy:\n      acmeCa: ${acme.directory}\n      acmeCaRoot: ${acme.serverRoot}\n      email: admin@lab.test\n`,
  );
  await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
  await onHost(HOST, `rm -rf /srv/${NAME}`);
}, 60_000);

afterAll(async () => {
  if (configDir) await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
  // The Caddy this file made: stopped through its admin endpoint, its directory removed.
  await onHost(HOST, `caddy stop >/dev/null 2>&1 || true; rm -rf ${CADDY_DIR} /srv/${NAME}`);
  acme?.stop();
});

describe('a compose app behind the managed Caddy with ACME certificates', () => {
  it('install serves https://NAME through Caddy with a certificate from the ACME server; the plan shows the site', async () => {
    const plan = await cli(configDir, ['plan', 'labweb', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--set', `domain=${DOMAIN}`], env);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`Serve https://${DOMAIN} through Caddy`);
    expect(plan.stdout).toContain(`port 443/tcp is free for Caddy on ${HOST}`);
    // The lab name lives only in the ACME server's own DNS, so the host's resolver does not know it: a warning.
    expect(plan.stdout).toContain(`${DOMAIN} does not resolve on ${HOST}`);
    const run = await cli(configDir, ['install', 'labweb', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--set', `domain=${DOMAIN}`, '--yes'], env);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(await onHost(HOST, `cat ${CADDY_DIR}/sites/${NAME}.caddy`)).toContain(`${DOMAIN} {\n\treverse_proxy 127.0.0.1:${PORT}\n}`);
    let last = { code: -1, out: '' };
    await eventually(async () => {
      last = await curl('/health');
      return last.code === 0;
    }, 30_000);
    expect(last, 'https through Caddy with the ACME root').toEqual({ code: 0, out: 'ok' });
    const record = JSON.parse(await onHost(HOST, `cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { urls: string[]; refs: Record<string, string> };
    expect(record.urls[0]).toBe(`https://${DOMAIN}/`);
    expect(record.refs.proxySite).toBe(`${CADDY_DIR}/sites/${NAME}.caddy`);
    // status reads the ACME certificate's days at the proxy's address (the name lives only in the lab's DNS).
    const { cert, warnings } = await statusCertificate(configDir, HOST, NAME, env);
    expect(cert).toMatchObject({ url: `https://${DOMAIN}/`, readAt: labHost(HOST).address });
    expect(cert.daysLeft).toBeGreaterThan(14);
    expect(warnings.filter((w) => w.includes('certificate'))).toEqual([]);
  }, 120_000);

  it('uninstall removes its site: the file is gone and Caddy no longer serves the name', async () => {
    const run = await cli(configDir, ['uninstall', NAME, '--host', HOST, '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(await existsOnHost(HOST, `${CADDY_DIR}/sites/${NAME}.caddy`)).toBe(false);
    const after = await curl('/health');
    expect(after.code).not.toBe(0);
  }, 60_000);
});
