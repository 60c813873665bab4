// What `homelab-tui status --json` says of a deployment's HTTPS certificate, and the host's warnings,
// for the proxy e2e files: the lab's site names live only in the lab's DNS, so status reads each one
// at the proxy host's address with the name as SNI (readAt says so).
import { expect } from 'vitest';
import type { CertificateInfo } from '../../../src/platform/health/certificate.js';
import { cli } from '../compose/compose-lab.js';

interface StatusJson {
  hosts: Array<{ host: string; warnings?: Array<{ message: string }> }>;
  deployments: Array<{ name: string; host: string; certificates?: Array<CertificateInfo | { url: string; error: string }> }>;
}

/** The certificate status read for NAME's first HTTPS URL (failing the test if it could not be read), and the host's warnings. */
export async function statusCertificate(configDir: string, host: string, name: string, env: Record<string, string>): Promise<{ cert: CertificateInfo; warnings: string[] }> {
  const run = await cli(configDir, ['status', '--host', host, '--json'], env);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  const status = JSON.parse(run.stdout) as StatusJson;
  const deployment = status.deployments.find((d) => d.name === name && d.host === host);
  const [cert] = deployment?.certificates ?? [];
  expect(cert, `status --json of ${name}: ${run.stdout.slice(0, 2000)}`).toBeDefined();
  if (!cert || 'error' in cert) throw new Error(`the certificate of ${name} could not be read: ${cert && 'error' in cert ? cert.error : 'no https URL'}`);
  return { cert, warnings: (status.hosts.find((h) => h.host === host)?.warnings ?? []).map((w) => w.message) };
}
