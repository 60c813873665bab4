// The certificate days of an HTTPS URL: a real TLS server on loopback with certificates made by
// openssl for this test (5 days and 60 days), read as status reads them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { daysLeft, readCertificate } from '../../../../src/platform/health/certificate.js';
import { certificateWarnings, certificateWords, timeLeftWords, wantsRenewal } from '../../../../src/services/health/certificate-warnings.js';
import type { DeploymentReading } from '../../../../src/services/fleet/fleet-reading.js';
import { newRecord } from '../../../support/deployment-records.js';

const dir = mkdtempSync(join(tmpdir(), 'hl-cert-'));
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  rmSync(dir, { recursive: true, force: true });
});

/** A TLS server on loopback whose self-signed certificate is valid for `days` from now; its https URL. */
async function serveFor(days: number): Promise<string> {
  const key = join(dir, `${days}.key`);
  const cert = join(dir, `${days}.crt`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', String(days), '-subj', '/CN=app.lab.test', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (socket) => socket.end());
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `https://127.0.0.1:${address.port}/`;
}

function readingWith(certificates: NonNullable<DeploymentReading['status']['certificates']>): DeploymentReading {
  const record = newRecord('vikunja', { app: 'vikunja', version: '0.24' }, 'compose', 'nas');
  return { host: 'nas', record, status: { deployment: 'vikunja', health: 'healthy', services: [], certificates }, actions: {} as DeploymentReading['actions'] };
}

describe('certificate days of an HTTPS URL', () => {
  it('reads the days left of a certificate that ends in 5 days: new, no warning; a day before its end, a warning', async () => {
    const url = await serveFor(5);
    const cert = await readCertificate(url, { now: Date.now() });
    // Made a moment ago for 5 days: 4 whole days and some hours are left.
    expect(cert.daysLeft).toBe(4);
    expect(cert.subject).toBe('app.lab.test');
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now() + 4 * 86_400_000);
    expect(Math.abs(Date.parse(cert.validFrom ?? '') - Date.now())).toBeLessThan(120_000);
    // Four of its five days left: whatever issued it has not reached its renewal window (a third) yet.
    expect(certificateWarnings([readingWith([cert])])).toEqual([]);
    const late = await readCertificate(url, { now: Date.parse(cert.validTo) - 30 * 3_600_000 });
    expect(late.daysLeft).toBe(1);
    const warnings = certificateWarnings([readingWith([late])]);
    expect(warnings).toEqual([{ message: `vikunja: the certificate of ${url} expires in 1 day (${cert.validTo.slice(0, 10)})`, hint: expect.stringContaining('renew it') }]);
  });

  it('a certificate with 60 days left gives no warning', async () => {
    const cert = await readCertificate(await serveFor(60), { now: Date.now() });
    expect(cert.daysLeft).toBe(59);
    expect(certificateWarnings([readingWith([cert])])).toEqual([]);
  });

  it('an expired one says how long ago; a URL that cannot be read is not a warning here', () => {
    const validTo = new Date(Date.UTC(2026, 0, 10));
    expect(daysLeft(validTo, Date.UTC(2026, 0, 12, 6))).toBe(-3);
    expect(certificateWords({ url: 'https://x', validTo: validTo.toISOString(), daysLeft: -3 })).toBe('expired 3 days ago (2026-01-10)');
    expect(certificateWarnings([readingWith([{ url: 'https://x', error: 'connect ECONNREFUSED' }])])).toEqual([]);
  });

  it('refuses a URL that is not https, and says when nothing answers', async () => {
    await expect(readCertificate('http://127.0.0.1:1/', { now: 0 })).rejects.toThrow('is not an https URL');
    await expect(readCertificate('https://127.0.0.1:1/', { now: 0, timeoutMs: 2000 })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('a URL whose name does not resolve here is read at the proxy address with the name as SNI, and said so', async () => {
    const url = await serveFor(60);
    const port = new URL(url).port;
    const cert = await readCertificate(`https://app.invalid:${port}/`, { now: Date.now(), fallbackAddress: '127.0.0.1' });
    expect(cert).toMatchObject({ url: `https://app.invalid:${port}/`, daysLeft: 59, readAt: '127.0.0.1', subject: 'app.lab.test' });
    // Without a fallback, the failure is a sentence naming the name (a UserError: status says it, never a stack).
    await expect(readCertificate(`https://app.invalid:${port}/`, { now: Date.now() })).rejects.toThrow(/^app\.invalid does not resolve from this machine \(E[A-Z_]+\)$/);
    await expect(readCertificate('https://app.invalid:1/', { now: Date.now(), fallbackAddress: '127.0.0.1' })).rejects.toThrow('app.invalid does not resolve from this machine, and at its proxy 127.0.0.1:1 refused the connection (ECONNREFUSED)');
  });

  it('warns by the lifetime: a 12-hour local-CA certificate is new at 11 hours left and due under 4; a 90-day one warns under 14 days', () => {
    const at = (iso: string) => Date.parse(iso);
    const cert = (from: string, to: string, now: string) => ({ url: 'https://x.lab.test', validFrom: from, validTo: to, checkedAt: now, daysLeft: Math.floor((at(to) - at(now)) / 86_400_000) });
    const fresh = cert('2026-12-07T10:00:00.000Z', '2026-12-07T22:00:00.000Z', '2026-12-07T11:00:00.000Z');
    expect(wantsRenewal(fresh)).toBe(false);
    expect(timeLeftWords(fresh)).toBe('11 hours left (until 2026-12-07 22:00Z)');
    const due = cert('2026-12-07T10:00:00.000Z', '2026-12-07T22:00:00.000Z', '2026-12-07T18:30:00.000Z');
    expect(wantsRenewal(due)).toBe(true);
    expect(certificateWords(due)).toBe('expires in 3 hours (2026-12-07 22:00Z)');
    expect(wantsRenewal(cert('2026-10-01T00:00:00.000Z', '2026-12-30T00:00:00.000Z', '2026-12-15T00:00:00.000Z'))).toBe(false);
    expect(wantsRenewal(cert('2026-10-01T00:00:00.000Z', '2026-12-30T00:00:00.000Z', '2026-12-17T00:00:00.000Z'))).toBe(true);
    const gone = cert('2026-10-01T00:00:00.000Z', '2026-12-30T00:00:00.000Z', '2027-01-02T00:00:00.000Z');
    expect(wantsRenewal(gone)).toBe(true);
    expect(timeLeftWords(gone)).toBe('expired 3 days ago (2026-12-30)');
    // A reading without its start date (an older status) goes by the days alone.
    expect(wantsRenewal({ url: 'https://x', validTo: '2026-12-30T00:00:00.000Z', daysLeft: 13 })).toBe(true);
    expect(wantsRenewal({ url: 'https://x', validTo: '2026-12-30T00:00:00.000Z', daysLeft: 14 })).toBe(false);
  });
});
