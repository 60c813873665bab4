import { connect } from 'node:tls';

/** The certificate an HTTPS URL serves: when it ends, and how many whole days are left from `now`. */
export interface CertificateInfo {
  url: string;
  /** ISO time the certificate stops being valid (its notAfter). */
  validTo: string;
  daysLeft: number;
  subject?: string;
}

const DAY_MS = 86_400_000;

/** Whole days from `now` until `validTo` (negative once it has expired). */
export function daysLeft(validTo: Date, now: number): number {
  return Math.floor((validTo.getTime() - now) / DAY_MS);
}

/**
 * Reads the certificate an `https:` URL serves, as a browser would reach it from this machine (TLS with
 * the URL's host as SNI). The chain is not judged here (a lab's own CA is fine): only its dates.
 */
export function readCertificate(url: string, options: { now: number; timeoutMs?: number; signal?: AbortSignal }): Promise<CertificateInfo> {
  const target = new URL(url);
  if (target.protocol !== 'https:') return Promise.reject(new Error(`${url} is not an https URL`));
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || 443);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, servername: /^[\d.]+$|:/.test(host) ? undefined : host, rejectUnauthorized: false, timeout: options.timeoutMs ?? 5000 });
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    const onAbort = () => fail(new Error('aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      options.signal?.removeEventListener('abort', onAbort);
      if (!cert || !cert.valid_to) return reject(new Error(`${url} served no certificate`));
      const validTo = new Date(cert.valid_to);
      const subject = typeof cert.subject?.CN === 'string' ? cert.subject.CN : undefined;
      resolve({ url, validTo: validTo.toISOString(), daysLeft: daysLeft(validTo, options.now), ...(subject ? { subject } : {}) });
    });
    socket.once('timeout', () => fail(new Error(`${host}:${port} did not finish a TLS handshake in ${Math.round((options.timeoutMs ?? 5000) / 1000)} s`)));
    socket.once('error', (error) => fail(error));
  });
}
