import type { CommandRunner } from '../runner/command-runner.js';
import type { HttpAnswer } from './http-check.js';
import { networkFailure, otherFailure, type NetworkFailure } from './network-failures.js';

const STATUS_MARK = '\n__homelab_tui_status__';

// curl's exit codes for the failures worth explaining.
const CURL_FAILURES: Record<number, NetworkFailure> = { 6: 'unresolved', 7: 'refused', 28: 'timeout' };

/**
 * GETs `url` from the runner's host with curl (or wget where curl is missing), so a probe sees what the
 * host sees: it works behind jump hosts and for services bound to the host's loopback.
 */
export async function fetchViaRunner(runner: CommandRunner, url: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const target = new URL(url).host;
  const curl = await runner.run({
    argv: ['curl', '-sS', '--max-time', String(seconds), '-o', '-', '-w', `${STATUS_MARK}%{http_code}`, url],
    timeoutMs: timeoutMs + 5000,
    ...(signal ? { signal } : {}),
  });
  if (curl.exitCode !== 127) return parseCurl(curl.exitCode, curl.stdout, curl.stderr, target, seconds);
  const wget = await runner.run({
    argv: ['wget', '-q', '-S', '-T', String(seconds), '-O', '-', url],
    timeoutMs: timeoutMs + 5000,
    ...(signal ? { signal } : {}),
  });
  if (wget.exitCode === 127) return { error: `neither curl nor wget exists on ${runner.host}`, hint: 'install curl on the host' };
  return parseWget(wget.exitCode, wget.stdout, wget.stderr, target, seconds);
}

/** curl's output: the body, then our marker and the status code. */
export function parseCurl(exitCode: number | null, stdout: string, stderr: string, target: string, seconds: number): HttpAnswer {
  if (exitCode === null) return networkFailure('timeout', target, seconds);
  const known = CURL_FAILURES[exitCode];
  if (known) return networkFailure(known, target, seconds);
  const at = stdout.lastIndexOf(STATUS_MARK);
  const status = at >= 0 ? Number(stdout.slice(at + STATUS_MARK.length).trim()) : NaN;
  if (exitCode !== 0 || !Number.isInteger(status) || status === 0) {
    return otherFailure(stderr.trim().split('\n').pop() || `curl exited with ${exitCode}`);
  }
  return { status, body: stdout.slice(0, at).slice(0, 4096) };
}

/** wget (GNU or busybox) with -S prints the status lines on stderr; the last one is the answer's. */
export function parseWget(exitCode: number | null, stdout: string, stderr: string, target: string, seconds: number): HttpAnswer {
  if (exitCode === null) return networkFailure('timeout', target, seconds);
  const statuses = [...stderr.matchAll(/HTTP\/\d(?:\.\d)? (\d{3})/g)].map((m) => Number(m[1]));
  const status = statuses[statuses.length - 1];
  if (status !== undefined) return { status, body: stdout.slice(0, 4096) };
  if (/refused/i.test(stderr)) return networkFailure('refused', target, seconds);
  if (/timed out/i.test(stderr)) return networkFailure('timeout', target, seconds);
  return otherFailure(stderr.trim().split('\n').pop() || `wget exited with ${exitCode}`);
}
