// Asking a site through the managed Caddy (tls internal), as a user's browser would: the blue-green
// e2e files and bench:update count the requests it did not answer while an update runs.
import { request } from 'node:https';

/** Where a site is served: Caddy's address, the site's name, and Caddy's own root certificate. */
export interface CaddySite {
  address: string;
  domain: string;
  ca: string;
}

/**
 * How long a request watched during an update may take before it counts as unanswered: the issue's
 * own bound on a gap (5 s). A loaded 2-core CI machine can take over a second for a fresh TLS
 * handshake, which is slowness, not a dropped request; a refused connection or a 502 fails at once.
 */
export const WATCH_TIMEOUT_MS = 5000;

/** A watched request's miss: why it got no 200 ("✗ HTTP 502", "✗ timeout after 5000 ms", "✗ ECONNRESET"). */
export const isMiss = (answer: string | undefined): boolean => answer === undefined || answer.startsWith('✗');

/**
 * GET https://DOMAIN/PATH at the site's Caddy, trusting only its root: the body of a 200, else "✗ " and
 * why. Node's agent keeps connections alive, as a browser does; when Caddy closes an idle one (a
 * config reload does) just as a request goes out on it, the request was never read, and a browser sends
 * it again on a new connection (an idempotent request may be retried: RFC 9110, 9.2.2). So does this,
 * once, and only then: Node's `reusedSocket` and ECONNRESET, its documented case. A reset of a new
 * connection is a miss.
 */
export function askViaCaddy(site: CaddySite, path: string, timeoutMs = WATCH_TIMEOUT_MS, retried = false): Promise<string> {
  return new Promise((answer) => {
    let settled = false;
    const resolve = (value: string | Promise<string>) => {
      if (!settled) answer(value);
      settled = true;
    };
    const req = request({ host: site.address, port: 443, path, servername: site.domain, headers: { host: site.domain }, ca: site.ca, timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(res.statusCode === 200 ? body : `✗ HTTP ${res.statusCode ?? '?'}`));
      res.on('error', (e: NodeJS.ErrnoException) => resolve(`✗ ${e.code ?? e.message}`));
    });
    req.on('timeout', () => {
      resolve(`✗ timeout after ${timeoutMs} ms`);
      req.destroy();
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      // After a timeout (destroy() ends in a reset too) the answer is given: no retry then.
      if (!settled && !retried && req.reusedSocket && e.code === 'ECONNRESET') resolve(askViaCaddy(site, path, timeoutMs, true));
      else resolve(`✗ ${e.code ?? e.message}`);
    });
    req.end();
  });
}

/** GET https://DOMAIN/PATH at the site's Caddy: the body of a 200, else undefined (also after `timeoutMs`). */
export async function getViaCaddy(site: CaddySite, path: string, timeoutMs = 1000): Promise<string | undefined> {
  const answer = await askViaCaddy(site, path, timeoutMs);
  return isMiss(answer) ? undefined : answer;
}

/** Runs `work` while calling `ask` every `everyMs`; what `work` gave and each answer, in order (undefined: none). */
export async function askedWhile<T, A>(ask: () => Promise<A>, work: () => Promise<T>, everyMs = 100): Promise<T & { answers: A[] }> {
  const answers: A[] = [];
  let running = true;
  const watch = (async () => {
    while (running) {
      const started = Date.now();
      answers.push(await ask());
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - started))));
    }
  })();
  try {
    return { ...(await work()), answers };
  } finally {
    running = false;
    await watch;
  }
}
