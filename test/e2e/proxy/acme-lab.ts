// A private ACME server for the proxy tests, in this machine's root namespace on the docker host's
// root-side address: pebble (Debian's `pebble`, Let's Encrypt's test CA) validates challenges against
// the lab's names, which a dnsmasq of its own answers (`*.lab.test` -> the docker host). Nothing here
// touches the machine's resolver: pebble asks this dnsmasq directly (-dnsserver). Both are stopped by
// their PIDs. Pebble's own HTTPS uses a certificate made here for its address, which Caddy trusts
// through `acme_ca_root`; the certificates pebble issues chain to a root it makes at start, read from
// its management port (/roots/0), which the test's client trusts.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:https';
import { labHost } from '../../support/lab.js';

export interface AcmeLab {
  directory: string;
  /** The PEM that signs pebble's own HTTPS (give it to Caddy as acme_ca_root). */
  serverRoot: string;
  /** The root of the certificates pebble issues, as a file for curl --cacert. */
  issuedRoot: string;
  stop(): void;
}

function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

async function until<T>(what: string, fn: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > end) throw new Error(`${what}: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Starts dnsmasq and pebble for names under `domain`, all pointing at `host`'s lab address. */
export async function startAcmeLab(host: string, domain = 'lab.test'): Promise<AcmeLab> {
  const target = labHost(host);
  const address = target.address.replace(/\.\d+$/, '.1');
  const dir = mkdtempSync(join(tmpdir(), 'hl-acme-'));
  const cert = join(dir, 'pebble-https.pem');
  const key = join(dir, 'pebble-https.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=lab pebble', '-addext', `subjectAltName=IP:${address}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const config = { pebble: { listenAddress: `${address}:14000`, managementListenAddress: `${address}:15000`, certificate: cert, privateKey: key, httpPort: 80, tlsPort: 443, ocspResponderURL: '', externalAccountBindingRequired: false } };
  writeFileSync(join(dir, 'pebble.json'), JSON.stringify(config));
  const children: ChildProcess[] = [];
  const stop = (): void => {
    for (const child of children) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    children.push(
      spawn('dnsmasq', ['--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', `--listen-address=${address}`, '--bind-interfaces', '--port=5353', `--address=/${domain}/${target.address}`, '--pid-file='], { stdio: 'ignore' }),
    );
    children.push(
      spawn('pebble', ['-config', join(dir, 'pebble.json'), '-dnsserver', `${address}:5353`], {
        stdio: 'ignore',
        env: { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0', PEBBLE_AUTHZREUSE: '0' },
      }),
    );
    const serverRoot = readFileSync(cert, 'utf8');
    await until('pebble did not answer', () => httpsGet(`https://${address}:14000/dir`, serverRoot));
    const root = await until('pebble has no root', async () => {
      const res = await httpsGet(`https://${address}:15000/roots/0`, serverRoot);
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      return res.body;
    });
    const issuedRoot = join(dir, 'issued-root.pem');
    writeFileSync(issuedRoot, root);
    return { directory: `https://${address}:14000/dir`, serverRoot: cert, issuedRoot, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
