import { describe, expect, it } from 'vitest';
import { proxySettingsSchema } from '../../../../src/platform/config/proxy-settings.js';
import { buildComposeDocument } from '../../../../src/providers/compose/compose-document.js';
import { composeInputs } from './inputs.js';

// Traefik's documented Docker-provider label grammar (traefik/traefik @ c1d22176e8c5
// docs/content/routing/providers/docker.md: "Routers", "Services", "Specific Provider Options"):
// the keys homelab-tui writes, each with the values the docs allow. A router or service name is one
// label segment (no dot).
const NAME = '[A-Za-z0-9_-]+';
const GRAMMAR: { key: RegExp; value: RegExp }[] = [
  { key: /^traefik\.enable$/, value: /^(true|false)$/ },
  { key: /^traefik\.docker\.network$/, value: /^[A-Za-z0-9][\w.-]*$/ },
  { key: new RegExp(`^traefik\\.http\\.routers\\.${NAME}\\.rule$`), value: /^Host\(`[a-z0-9.-]+`\)$/ },
  { key: new RegExp(`^traefik\\.http\\.routers\\.${NAME}\\.entrypoints$`), value: new RegExp(`^${NAME}(,${NAME})*$`) },
  { key: new RegExp(`^traefik\\.http\\.routers\\.${NAME}\\.service$`), value: new RegExp(`^${NAME}$`) },
  { key: new RegExp(`^traefik\\.http\\.routers\\.${NAME}\\.tls$`), value: /^(true|false)$/ },
  { key: new RegExp(`^traefik\\.http\\.routers\\.${NAME}\\.tls\\.certresolver$`), value: new RegExp(`^${NAME}$`) },
  { key: new RegExp(`^traefik\\.http\\.services\\.${NAME}\\.loadbalancer\\.server\\.port$`), value: /^\d{1,5}$/ },
];

/** Each catalog app with the answer that gives it a public host name. */
const APPS: [string, string, string][] = [
  ['kavita', 'domain=books.example.com', 'books.example.com'],
  ['komga', 'domain=comics.example.com', 'comics.example.com'],
  ['qbittorrent', 'domain=torrents.example.com', 'torrents.example.com'],
  ['jellyfin', 'published_url=https://media.example.com', 'media.example.com'],
  ['vikunja', 'public_url=https://tasks.example.com/', 'tasks.example.com'],
];

const TRAEFIK = { container: 'traefik', image: 'traefik:v3.1', networks: ['bridge', 'proxy'] };
const router = proxySettingsSchema.parse({ traefik: { entrypoints: ['websecure'], certResolver: 'letsencrypt' } }).traefik;

describe("Traefik labels follow Traefik's documented grammar", () => {
  it.each(APPS)('%s: every label is a documented key with a valid value; the router is on the entrypoints, with TLS and the resolver from settings', async (app, answer, host) => {
    const inputs = await composeInputs(app, answer);
    const doc = buildComposeDocument(inputs, { deployment: 'my-app', engine: 'docker', selinux: 'disabled', traefik: TRAEFIK, traefikRouter: router });
    const main = doc.services[inputs.services[0]?.name ?? ''];
    const labels = Object.entries(main?.labels ?? {}).filter(([key]) => key.startsWith('traefik.'));
    for (const [key, value] of labels) {
      const rule = GRAMMAR.find((g) => g.key.test(key));
      expect(rule, `${app}: ${key} is no documented label`).toBeDefined();
      expect(value, `${app}: ${key}`).toMatch(rule?.value ?? /$^/);
    }
    const byKey = Object.fromEntries(labels);
    expect(byKey).toMatchObject({
      'traefik.enable': 'true',
      'traefik.http.routers.my-app.rule': `Host(\`${host}\`)`,
      'traefik.http.routers.my-app.entrypoints': 'websecure',
      'traefik.http.routers.my-app.tls': 'true',
      'traefik.http.routers.my-app.tls.certresolver': 'letsencrypt',
      'traefik.http.routers.my-app.service': 'my-app',
      'traefik.docker.network': 'proxy',
    });
    // The router's service is one this container defines.
    expect(byKey).toHaveProperty(`traefik.http.services.${byKey['traefik.http.routers.my-app.service']}.loadbalancer.server.port`);
    // Companions (databases, Komf, Redis) are never routed.
    for (const [name, service] of Object.entries(doc.services)) if (name !== inputs.services[0]?.name) expect(service.labels).not.toHaveProperty('traefik.enable');
  });

  it('without TLS in the settings there is neither tls nor certresolver; several entrypoints are comma-separated', async () => {
    const plain = proxySettingsSchema.parse({ traefik: { entrypoints: ['web', 'lan'], tls: false, certResolver: 'le' } }).traefik;
    const doc = buildComposeDocument(await composeInputs('kavita', 'domain=books.example.com'), { deployment: 'books', engine: 'docker', selinux: 'disabled', traefikRouter: plain });
    const labels = doc.services.kavita?.labels ?? {};
    expect(labels['traefik.http.routers.books.entrypoints']).toBe('web,lan');
    expect(labels).not.toHaveProperty('traefik.http.routers.books.tls');
    expect(labels).not.toHaveProperty('traefik.http.routers.books.tls.certresolver');
    // No Traefik detected: labels only, no network to join.
    expect(labels).not.toHaveProperty('traefik.docker.network');
    expect(doc.networks).toBeUndefined();
  });
});
