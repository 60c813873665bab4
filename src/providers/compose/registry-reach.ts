import type { RunResult } from '../../platform/runner/command-runner.js';

/**
 * How long the engine may take to ask a registry for a manifest. A registry that answers does so in
 * well under a second; one behind a network that drops packets would keep Docker 30 s and Podman
 * over a minute, so the preflight gives up after this and says why in words.
 */
export const REGISTRY_CHECK_TIMEOUT_MS = 5_000;

/** The engine's words for "no connection to the registry" (Docker's and Podman's Go net errors). */
const UNREACHABLE = [
  /dial tcp/i,
  /i\/o timeout/i,
  /no such host/i,
  /network is unreachable/i,
  /no route to host/i,
  /connection refused/i,
  /connection reset/i,
  /Client\.Timeout exceeded/i,
  /TLS handshake timeout/i,
  /context deadline exceeded/i,
  /request canceled while waiting for connection/i,
  /temporary failure in name resolution/i,
];

/** What the registry check found: it answered yes, it answered no, or it could not be reached. */
export type RegistryReach = { kind: 'pullable' } | { kind: 'refused' } | { kind: 'unreachable'; timedOut: boolean };

export function registryReach(result: RunResult): RegistryReach {
  if (result.exitCode === 0) return { kind: 'pullable' };
  if (result.timedOut) return { kind: 'unreachable', timedOut: true };
  const text = `${result.stderr}\n${result.stdout}`;
  return UNREACHABLE.some((re) => re.test(text)) ? { kind: 'unreachable', timedOut: false } : { kind: 'refused' };
}

/** The registry an image reference names (`docker.io` when it names none, as Docker reads it). */
export function registryOf(reference: string): string {
  const slash = reference.indexOf('/');
  const first = slash < 0 ? '' : reference.slice(0, slash);
  return slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}
