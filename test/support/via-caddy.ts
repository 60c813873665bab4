// Asking a site through the managed Caddy (tls internal), as a user's browser would: the blue-green
// e2e files and bench:update count the requests it did not answer while an update runs.
import { request } from 'node:https';

/** Where a site is served: Caddy's address, the site's name, and Caddy's own root certificate. */
export interface CaddySite {
  address: string;
  domain: string;
  ca: string;
}

/** GET https://DOMAIN/PATH at the site's Caddy, trusting only its root: the body of a 200, else undefined (also after `timeoutMs`). */
export function getViaCaddy(site: CaddySite, path: string, timeoutMs = 1000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: site.address, port: 443, path, servername: site.domain, headers: { host: site.domain }, ca: site.ca, timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(res.statusCode === 200 ? body : undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
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
