import { connect } from 'node:tls';
import { UserError } from '../errors.js';

/** The certificate an HTTPS URL serves: when it ends, and how many whole days are left from `now`. */
export interface CertificateInfo {
  url: string;
  /** ISO time the certificate stops being valid (its notAfter). */
  validTo: string;
  /** ISO time it started being valid (its notBefore): with validTo, its lifetime. */
  validFrom?: string;
  /** ISO time it was read: what daysLeft counts from. */
  checkedAt?: string;
  daysLeft: number;
  subject?: string;
  /** Set when the URL's name does not resolve from this machine and the certificate was read at the proxy's address instead (with the name as SNI). */
  readAt?: string;
}

export interface ReadCertificateOptions {
  now: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Where the site is served when its name does not resolve from this machine (a LAN name only the
   * homelab's DNS knows): the proxy's host. The certificate is then read there, with the name as SNI,
   * which is the certificate the proxy gives every client asking for that name.
   */
  fallbackAddress?: string;
}

const DAY_MS = 86_400_000;

/** Whole days from `now` until `validTo` (negative once it has expired). */
export function daysLeft(validTo: Date, now: number): number {
  return Math.floor((validTo.getTime() - now) / DAY_MS);
}

/** A TLS handshake with `address:port` asking for `servername`; the peer's certificate, whatever its chain. */
function handshake(address: string, port: number, servername: string | undefined, options: ReadCertificateOptions): Promise<{ validTo: Date; validFrom?: Date; subject?: string }> {
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port, ...(servername ? { servername } : {}), rejectUnauthorized: false, timeout: timeoutMs });
    const fail = (error: Error) => {
      socket.destroy();
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    const onAbort = () => fail(new Error('aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      options.signal?.removeEventListener('abort', onAbort);
      if (!cert || !cert.valid_to) return reject(new UserError(`${address}:${port} served no certificate`));
      const subject = typeof cert.subject?.CN === 'string' ? cert.subject.CN : undefined;
      resolve({ validTo: new Date(cert.valid_to), ...(cert.valid_from ? { validFrom: new Date(cert.valid_from) } : {}), ...(subject ? { subject } : {}) });
    });
    socket.once('timeout', () => fail(new UserError(`${address}:${port} did not finish a TLS handshake in ${Math.round(timeoutMs / 1000)} s`)));
    socket.once('error', (error) => fail(error));
  });
}

const unresolved = (error: unknown): boolean => ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME'].includes(String((error as { code?: unknown }).code));

/** A network failure in words a user can act on (a UserError: status says it beside the URL, never a stack). */
function inWords(error: unknown, host: string, port: number): UserError {
  if (error instanceof UserError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  if (unresolved(error)) return new UserError(`${host} does not resolve from this machine (${code})`);
  if (code === 'ECONNREFUSED') return new UserError(`${host}:${port} refused the connection (ECONNREFUSED)`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new UserError(`${host}:${port} cannot be reached from this machine (${code})`);
  return new UserError(`${host}:${port}: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Reads the certificate an `https:` URL serves, as a browser would reach it from this machine (TLS with
 * the URL's host as SNI), or at `fallbackAddress` when the name does not resolve here. The chain is not
 * judged here (a lab's own CA is fine): only its dates. Every failure is a UserError naming the host.
 */
export async function readCertificate(url: string, options: ReadCertificateOptions): Promise<CertificateInfo> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new UserError(`${url} is not a URL`);
  }
  if (target.protocol !== 'https:') throw new UserError(`${url} is not an https URL`);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || 443);
  const servername = /^[\d.]+$|:/.test(host) ? undefined : host;
  const info = (cert: { validTo: Date; validFrom?: Date; subject?: string }, readAt?: string): CertificateInfo => ({
    url,
    validTo: cert.validTo.toISOString(),
    ...(cert.validFrom ? { validFrom: cert.validFrom.toISOString() } : {}),
    checkedAt: new Date(options.now).toISOString(),
    daysLeft: daysLeft(cert.validTo, options.now),
    ...(cert.subject ? { subject: cert.subject } : {}),
    ...(readAt ? { readAt } : {}),
  });
  try {
    return info(await handshake(host, port, servername, options));
  } catch (error) {
    if (!options.fallbackAddress || !servername || !unresolved(error)) throw inWords(error, host, port);
    try {
      return info(await handshake(options.fallbackAddress, port, servername, options), options.fallbackAddress);
    } catch (again) {
      throw new UserError(`${host} does not resolve from this machine, and at its proxy ${inWords(again, options.fallbackAddress, port).message}`);
    }
  }
}
