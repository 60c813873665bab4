// Issue 19: the compose side of "a proxy with an internal CA": labweb on the lab's docker host with a
// domain is served at https://NAME.lab.test by the managed Caddy using its own local CA (tls: internal,
// for LAN names; no ACME server). The client trusts only the CA root read from the host; uninstall
// removes the site. (caddy-tls.test.ts covers ACME with pebble; test/e2e/lxc/caddy-proxy.test.ts LXC.)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labHost } from '../../support/lab.js';
import { cli, existsOnHost, labConfigDir, onHost } from '../compose/compose-lab.js';
import { statusCertificate } from './status-certificate.js';

const HOST = 'docker';
const NAME = 'tls-int1';
const DOMAIN = 'int1.lab.test';
const MOVED = 'int2.lab.test';
const PORT = 18296;
const CADDY_DIR = '/var/lib/homelab-tui/proxy/caddy';
const env = { HOMELAB_TUI_CATALOG_DIR: fileURLToPath(new URL('./catalog', import.meta.url)) };
const work = mkdtempSync(join(tmpdir(), 'hl-caddy-int-'));
const rootFile = join(work, 'root.crt');
let configDir = '';

function curl(path: string, name = DOMAIN): Promise<{ code: number; out: string }> {
  const args = ['-sS', '--max-time', '5', '--cacert', rootFile, '--resolve', `${name}:443:${labHost(HOST).address}`, `https://${name}${path}`];
  return new Promise((resolve) => execFile('curl', args, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` })));
}

beforeAll(async () => {
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 30\n  proxy:\n    kind: caddy\n    caddy:\n      tls: internal\n');
  await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
  await onHost(HOST, `rm -rf /srv/${NAME}`);
}, 60_000);

afterAll(async () => {
  if (configDir) await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
  await onHost(HOST, `caddy stop >/dev/null 2>&1 || true; rm -rf ${CADDY_DIR} /srv/${NAME}`);
  rmSync(work, { recursive: true, force: true });
});

describe('a compose app behind the managed Caddy with its internal CA', () => {
  it('install serves https://NAME with a certificate from Caddy\'s local CA; reconfigure moves the site; uninstall removes it', async () => {
    const run = await cli(configDir, ['install', 'labweb', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--set', `domain=${DOMAIN}`, '--yes'], env);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect((await onHost(HOST, `grep -c skip_install_trust ${CADDY_DIR}/Caddyfile`)).trim()).toBe('1');
    writeFileSync(rootFile, await onHost(HOST, `cat ${CADDY_DIR}/data/pki/authorities/local/root.crt`));
    let last = { code: -1, out: '' };
    for (let end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
      last = await curl('/health');
      if (last.code === 0) break;
    }
    expect(last, 'https through Caddy with its local CA').toEqual({ code: 0, out: 'ok' });
    // status reads the certificate at the proxy's address (the lab name does not resolve here). Caddy's
    // local CA issues 12-hour leaves and renews them itself (https://caddyserver.com/docs/caddyfile/options#local-certs,
    // the internal issuer's lifetime defaults to 12h): a new one is not a warning though under 14 days.
    const { cert, warnings } = await statusCertificate(configDir, HOST, NAME, env);
    expect(cert).toMatchObject({ url: `https://${DOMAIN}/`, daysLeft: 0, readAt: labHost(HOST).address });
    expect(Date.parse(cert.validTo) - Date.parse(cert.validFrom ?? '')).toBeLessThanOrEqual(13 * 3_600_000);
    expect(Date.parse(cert.validTo) - Date.now()).toBeGreaterThan(8 * 3_600_000);
    expect(warnings.filter((w) => w.includes('certificate'))).toEqual([]);
    // reconfigure moves the site to a new name; the record's first URL follows.
    const moved = await cli(configDir, ['reconfigure', NAME, '--host', HOST, '--set', `domain=${MOVED}`, '--yes'], env);
    expect(moved.code, `${moved.stdout}\n${moved.stderr}`).toBe(0);
    expect(await onHost(HOST, `cat ${CADDY_DIR}/sites/${NAME}.caddy`)).toContain(`${MOVED} {\n\treverse_proxy 127.0.0.1:${PORT}\n}`);
    for (let end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
      last = await curl('/health', MOVED);
      if (last.code === 0) break;
    }
    expect(last, 'the new name through Caddy').toEqual({ code: 0, out: 'ok' });
    expect((await curl('/health')).code).not.toBe(0);
    const record = JSON.parse(await onHost(HOST, `cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { urls: string[] };
    expect(record.urls[0]).toBe(`https://${MOVED}/`);
    const gone = await cli(configDir, ['uninstall', NAME, '--host', HOST, '--yes'], env);
    expect(gone.code, gone.stderr).toBe(0);
    expect(await existsOnHost(HOST, `${CADDY_DIR}/sites/${NAME}.caddy`)).toBe(false);
    expect((await curl('/health', MOVED)).code).not.toBe(0);
  }, 180_000);
});
