import { request } from 'node:http';
import type { CommandRunner } from '../runner/command-runner.js';
import type { HealthCheck, HealthResult } from './health-check.js';
import { fetchViaRunner } from './http-via-runner.js';
import { networkFailure, otherFailure } from './network-failures.js';

/** An HTTP probe: GET `url`, expect a status and optionally a text in the body. */
export interface HttpCheckOptions {
  url: string;
  expectStatus?: number;
  /** A substring the body must contain. */
  expectBody?: string;
  timeoutMs?: number;
  /** Probe from this host (curl or wget there) instead of from this machine. */
  via?: CommandRunner;
}

/** What an HTTP GET saw: a status and the start of the body, or why there was none. */
export type HttpAnswer = { status: number; body: string } | { error: string; hint: string };

const BODY_LIMIT = 4096;

export function httpCheck(options: HttpCheckOptions): HealthCheck {
  const expectStatus = options.expectStatus ?? 200;
  const timeoutMs = options.timeoutMs ?? 5000;
  const path = new URL(options.url).pathname;
  return {
    describe: () =>
      `GET ${options.url} → ${expectStatus}${options.expectBody ? ` containing "${options.expectBody}"` : ''}` +
      (options.via ? ` (from ${options.via.host})` : ''),
    run: async (ctx) => {
      const start = ctx.clock.now();
      const answer = options.via
        ? await fetchViaRunner(options.via, options.url, timeoutMs, ctx.signal)
        : await fetchDirect(options.url, timeoutMs, ctx.signal);
      return { ...judge(answer, path, expectStatus, options.expectBody), durationMs: ctx.clock.now() - start };
    },
  };
}

/** Turns an HTTP answer into a health verdict with a reason a person can act on. */
export function judge(answer: HttpAnswer, path: string, expectStatus: number, expectBody?: string): Omit<HealthResult, 'durationMs'> {
  if ('error' in answer) return { ok: false, reason: `probe ${path}: ${answer.error}`, hint: answer.hint };
  const firstLine = answer.body.trim().split('\n')[0]?.slice(0, 120) ?? '';
  const output = `HTTP ${answer.status}${firstLine ? `: ${firstLine}` : ''}`;
  if (answer.status !== expectStatus) {
    return {
      ok: false,
      reason: `probe ${path} returned ${answer.status}${firstLine ? `: ${firstLine}` : ''}`,
      hint: answer.status >= 500 ? 'the app is running but failing: read its logs' : `expected HTTP ${expectStatus}; check the URL and the app's configuration`,
      output,
    };
  }
  if (expectBody !== undefined && !answer.body.includes(expectBody)) {
    return { ok: false, reason: `probe ${path} returned ${answer.status} without "${expectBody}"`, hint: 'the app answered but not as expected: read its logs', output };
  }
  return { ok: true, output };
}

function fetchDirect(url: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs, ...(signal ? { signal } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < BODY_LIMIT) body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: body.slice(0, BODY_LIMIT) }));
      res.on('error', (error) => resolve(describeNetworkError(error, url, timeoutMs)));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => resolve(describeNetworkError(error, url, timeoutMs)));
    req.end();
  });
}

/** Node's network error codes in words. */
export function describeNetworkError(error: Error & { code?: string }, url: string, timeoutMs: number): HttpAnswer {
  const target = new URL(url).host;
  const seconds = Math.round(timeoutMs / 1000);
  switch (error.code) {
    case 'ECONNREFUSED':
      return networkFailure('refused', target, seconds);
    case 'ETIMEDOUT':
      return networkFailure('timeout', target, seconds);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return networkFailure('unreachable', target, seconds);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return networkFailure('unresolved', target, seconds);
    default:
      return otherFailure(error.message);
  }
}
