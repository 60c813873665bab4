import { randomBytes } from 'node:crypto';

/** A random secret from the OS CSPRNG, base64url so it is safe in env files, URLs and SQL literals. */
export function generateSecret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}
