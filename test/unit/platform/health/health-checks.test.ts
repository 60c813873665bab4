import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/platform/clock.js';
import { commandCheck } from '../../../../src/platform/health/command-check.js';
import { allOf, waitUntilHealthy, type HealthCheck } from '../../../../src/platform/health/health-check.js';
import { httpCheck } from '../../../../src/platform/health/http-check.js';
import { tcpCheck } from '../../../../src/platform/health/tcp-check.js';
import { LocalRunner } from '../../../../src/platform/runner/local-runner.js';
import { FakeClock } from '../../../support/fake-clock.js';

let server: Server;
let base: string;
let closedPort: number;
const ctx = { clock: systemClock };

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/health') res.writeHead(200).end('ok');
    else if (req.url === '/broken') res.writeHead(500).end('database unreachable\nmore');
    else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('late'), 3000);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

// Each probe runs twice: directly from this process, and through a runner with curl as on a host.
for (const via of [undefined, new LocalRunner()]) {
  describe(`httpCheck ${via ? 'via a runner (curl)' : 'direct'}`, () => {
    const opts = via ? { via } : {};
    it('passes on the expected status and body', async () => {
      const result = await httpCheck({ url: `${base}/health`, expectBody: 'ok', ...opts }).run(ctx);
      expect(result).toMatchObject({ ok: true, output: 'HTTP 200: ok' });
    });

    it('explains a 500 with the first line of the body', async () => {
      const result = await httpCheck({ url: `${base}/broken`, ...opts }).run(ctx);
      expect(result).toMatchObject({ ok: false, reason: 'probe /broken returned 500: database unreachable' });
      expect(result.hint).toMatch(/logs/);
    });

    it('explains a body without the expected text', async () => {
      const result = await httpCheck({ url: `${base}/health`, expectBody: 'ready', ...opts }).run(ctx);
      expect(result.reason).toBe('probe /health returned 200 without "ready"');
    });

    it('explains a refused connection', async () => {
      const result = await httpCheck({ url: `http://127.0.0.1:${closedPort}/health`, ...opts }).run(ctx);
      expect(result).toMatchObject({ ok: false, reason: `probe /health: connection refused by 127.0.0.1:${closedPort}` });
    });

    it('gives up at its timeout', async () => {
      const result = await httpCheck({ url: `${base}/slow`, timeoutMs: 1000, ...opts }).run(ctx);
      expect(result.ok).toBe(false);
      expect(result.reason).toMatch(/no answer from 127\.0\.0\.1:\d+ within 1 s/);
    });
  });

  describe(`tcpCheck ${via ? 'via a runner' : 'direct'}`, () => {
    const opts = via ? { via } : {};
    it('passes on an open port and fails on a closed one', async () => {
      const port = Number(new URL(base).port);
      expect((await tcpCheck({ host: '127.0.0.1', port, ...opts }).run(ctx)).ok).toBe(true);
      const closed = await tcpCheck({ host: '127.0.0.1', port: closedPort, ...opts }).run(ctx);
      expect(closed.ok).toBe(false);
      expect(closed.reason).toContain(`127.0.0.1:${closedPort}`);
    });
  });
}

describe('commandCheck', () => {
  it('passes on exit 0 and explains a failure with the last output line', async () => {
    const runner = new LocalRunner();
    expect((await commandCheck({ runner, command: { argv: ['true'] }, description: 'true' }).run(ctx)).ok).toBe(true);
    const failed = await commandCheck({
      runner,
      command: { argv: ['sh', '-c', 'echo starting; echo "no response" >&2; exit 2'] },
      description: 'pg_isready',
    }).run(ctx);
    expect(failed).toMatchObject({ ok: false, reason: 'pg_isready exited with 2: no response' });
  });
});

function sequence(results: boolean[]): HealthCheck & { calls: number } {
  const check = {
    calls: 0,
    describe: () => 'scripted',
    run: async () => {
      const ok = results[Math.min(check.calls, results.length - 1)] ?? false;
      check.calls++;
      return ok ? { ok: true, durationMs: 0 } : { ok: false, reason: `attempt ${check.calls} failed`, durationMs: 0 };
    },
  };
  return check;
}

describe('allOf and waitUntilHealthy', () => {
  it('allOf reports the first failing check and stops there', async () => {
    const second = sequence([false]);
    const third = sequence([true]);
    const result = await allOf([sequence([true]), second, third]).run({ clock: new FakeClock() });
    expect(result).toMatchObject({ ok: false, reason: 'attempt 1 failed' });
    expect(third.calls).toBe(0);
  });

  it('retries at the interval until healthy', async () => {
    const clock = new FakeClock();
    const check = sequence([false, false, true]);
    const result = await waitUntilHealthy(check, { clock, timeoutMs: 10_000, intervalMs: 1000 });
    expect(result.ok).toBe(true);
    expect(check.calls).toBe(3);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('gives up at the timeout with the last reason', async () => {
    const clock = new FakeClock();
    const result = await waitUntilHealthy(sequence([false]), { clock, timeoutMs: 5000, intervalMs: 1000 });
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('attempt 6 failed (still failing after 5 s)');
    expect(clock.now()).toBeLessThanOrEqual(5000);
  });
});
