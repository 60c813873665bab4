import type { CertificateInfo } from '../../platform/health/certificate.js';
import type { DeploymentReading } from '../fleet/fleet-reading.js';

/** Under this many days left, an HTTPS URL's certificate can be a warning (status, the dashboard's ⚠). */
export const CERTIFICATE_WARN_DAYS = 14;

/** A deployment's HTTPS URL and its certificate, or why it could not be read. */
export type CertificateReading = CertificateInfo | { url: string; error: string };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Milliseconds left when it was read (from daysLeft alone for a reading that has no time). */
function msLeft(cert: CertificateInfo): number {
  return cert.checkedAt ? Date.parse(cert.validTo) - Date.parse(cert.checkedAt) : cert.daysLeft * DAY_MS;
}

/**
 * Whether a certificate wants a person: expired, or under CERTIFICATE_WARN_DAYS days left AND past the
 * point where its issuer's automation renews it by itself: a third of its lifetime left (Caddy's
 * default renewal window, and certbot's 30 days of 90). A 90-day ACME certificate warns at 13 days
 * left (its renewal failed for over two weeks), a year-long one bought by hand at 13 days, but a
 * 12-hour certificate from Caddy's local CA (tls internal) only once under 4 hours are left: at 11
 * hours it is simply new. Without its start date, the days alone decide.
 */
export function wantsRenewal(cert: CertificateInfo): boolean {
  const left = msLeft(cert);
  if (left <= 0) return true;
  if (left >= CERTIFICATE_WARN_DAYS * DAY_MS) return false;
  if (!cert.validFrom) return true;
  const lifetime = Date.parse(cert.validTo) - Date.parse(cert.validFrom);
  return !(lifetime > 0) || left < lifetime / 3;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** Its end in parts: expired or not, how long (days; hours under a day), and when (the day; the minute under a day). */
function endOf(cert: CertificateInfo): { expired: boolean; amount: string; when: string } {
  const left = msLeft(cert);
  const minute = `${cert.validTo.slice(0, 16).replace('T', ' ')}Z`;
  if (left <= 0) return { expired: true, amount: cert.daysLeft <= -1 ? `${plural(-cert.daysLeft, 'day')} ago` : '', when: cert.daysLeft <= -1 ? cert.validTo.slice(0, 10) : minute };
  if (left < DAY_MS) return { expired: false, amount: plural(Math.floor(left / HOUR_MS), 'hour'), when: minute };
  return { expired: false, amount: plural(cert.daysLeft, 'day'), when: cert.validTo.slice(0, 10) };
}

const expiredWords = (end: { amount: string; when: string }) => `expired ${end.amount ? `${end.amount} ` : ''}(${end.when})`;

/** How long it has left: "10 days left (until 2026-12-02)", "11 hours left (until 2026-12-07 23:10Z)", "expired 2 days ago (2026-01-10)". */
export function timeLeftWords(cert: CertificateInfo): string {
  const end = endOf(cert);
  return end.expired ? expiredWords(end) : `${end.amount} left (until ${end.when})`;
}

/** How a certificate's end reads in a warning: "expires in 5 days (2026-12-12)", "expired 2 days ago (…)". */
export function certificateWords(cert: CertificateInfo): string {
  const end = endOf(cert);
  return end.expired ? expiredWords(end) : `expires in ${end.amount} (${end.when})`;
}

/** One warning per certificate that wants renewal (wantsRenewal), naming the deployment and URL. */
export function certificateWarnings(deployments: readonly DeploymentReading[]): { message: string; hint: string }[] {
  return deployments.flatMap((d) =>
    (d.status.certificates ?? [])
      .filter((c): c is CertificateInfo => 'daysLeft' in c && wantsRenewal(c))
      .map((c) => ({
        message: `${d.record.name}: the certificate of ${c.url} ${certificateWords(c)}`,
        hint: 'renew it (a managed Caddy renews when a third of its lifetime is left, by itself: if it did not, its log says why)',
      })),
  );
}
