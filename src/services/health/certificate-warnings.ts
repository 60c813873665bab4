import type { CertificateInfo } from '../../platform/health/certificate.js';
import type { DeploymentReading } from '../fleet/fleet-reading.js';

/** Under this many days left, an HTTPS URL's certificate is a warning (status, the dashboard's ⚠). */
export const CERTIFICATE_WARN_DAYS = 14;

/** A deployment's HTTPS URL and its certificate, or why it could not be read. */
export type CertificateReading = CertificateInfo | { url: string; error: string };

/** How a certificate's end reads: "expires in 5 days (2026-12-12)", "expired 2 days ago (…)". */
export function certificateWords(cert: CertificateInfo): string {
  const day = cert.validTo.slice(0, 10);
  if (cert.daysLeft < 0) return `expired ${-cert.daysLeft} day${cert.daysLeft === -1 ? '' : 's'} ago (${day})`;
  return `expires in ${cert.daysLeft} day${cert.daysLeft === 1 ? '' : 's'} (${day})`;
}

/** One warning per certificate with fewer than CERTIFICATE_WARN_DAYS days left, naming the deployment and URL. */
export function certificateWarnings(deployments: readonly DeploymentReading[]): { message: string; hint: string }[] {
  return deployments.flatMap((d) =>
    (d.status.certificates ?? [])
      .filter((c): c is CertificateInfo => 'daysLeft' in c && c.daysLeft < CERTIFICATE_WARN_DAYS)
      .map((c) => ({
        message: `${d.record.name}: the certificate of ${c.url} ${certificateWords(c)}`,
        hint: 'renew it (a managed Caddy renews 30 days before the end by itself: if it did not, its log says why)',
      })),
  );
}
