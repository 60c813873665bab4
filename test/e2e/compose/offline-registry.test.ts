// A host whose engine cannot reach the registry of an image (the registry's address drops every
// packet, as behind a firewall): the preflight decides within seconds and says so in words, with the
// engine's raw text only in the detail. Before, Docker waited 30 s and Podman over a minute, and the
// preflight showed `error pinging v2 registry ... dial tcp ...` as its reason.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labFaults, labHost } from '../../support/lab.js';
import { cli, existsOnHost, labConfigDir } from './compose-lab.js';

const WORDS = 'the registry cannot be reached from HOST: the image will be pulled at install, which will fail unless it is loaded by hand or a mirror is set';
const HOSTS = ['podman', 'docker'] as const;
/** An address on each host's link that drops what the host sends it (lab fault drop-address). */
const dropping = (host: string) => `${labHost(host).address.split('.').slice(0, 3).join('.')}.9`;

let configDir = '';
let catalog = '';

function recipe(registry: string): string {
  return `id: offreg
name: Lab app from a registry
description: The lab app's image named at a registry the host cannot reach.
test: true
versions: ["1"]
minimums: { cores: 1, memory: 64M, disk: 1G }
questions:
  - { id: port, type: port, label: Host port, default: 18097 }
health: { kind: http, port: http, path: /health, status: 200, body: ok }
compose:
  services:
    - name: app
      image: "${registry}/lab/labapp:{{ version }}"
      ports: [{ name: http, container: 8080, host: "{{ port }}" }]
`;
}

beforeAll(async () => {
  configDir = await labConfigDir();
  for (const host of HOSTS) await labFaults.dropAddress(host, dropping(host));
});

afterAll(async () => {
  for (const host of HOSTS) await labFaults.clearDropAddress(host, dropping(host));
  if (catalog) rmSync(catalog, { recursive: true, force: true });
});

describe('preflight when the registry cannot be reached', () => {
  it.each(HOSTS)('%s: decided within seconds, in words, the raw text only in the detail', async (host) => {
    catalog = catalog || mkdtempSync(join(tmpdir(), 'hl-offreg-'));
    const registry = `${dropping(host)}:5000`;
    const recipes = mkdtempSync(join(catalog, `${host}-`));
    writeFileSync(join(recipes, 'offreg.yaml'), recipe(registry));
    // The same plan with an image that is on the host: what a plan costs on this (shared, loaded)
    // machine without any registry question. The registry may add a few seconds, not 30 or 60.
    const timed = async (args: string[], env: Record<string, string> = {}) => {
      const started = performance.now();
      const run = await cli(configDir, args, env);
      return { run, seconds: (performance.now() - started) / 1000 };
    };
    const base = await timed(['plan', 'labapp', '--host', host, '--provider', 'compose', '--name', `offbase${host}`, '--set', 'port=18098', '--json']);
    expect(base.run.code, base.run.stderr).toBe(0);
    const { run, seconds } = await timed(['plan', 'offreg', '--host', host, '--provider', 'compose', '--name', `offreg${host}`, '--json'], { HOMELAB_TUI_CATALOG_DIR: recipes });
    expect(run.code, run.stderr).toBe(0);
    expect(seconds - base.seconds, `plan took ${seconds.toFixed(1)} s, ${base.seconds.toFixed(1)} s without a registry`).toBeLessThan(7);
    const { preflight, blocked } = JSON.parse(run.stdout) as { preflight: { status: string; label: string; detail?: string; hint?: string }[]; blocked: boolean };
    expect(blocked).toBe(false);
    const image = preflight.find((i) => i.label.startsWith('image '));
    expect(image?.status).toBe('warn');
    expect(image?.label).toBe(`image ${registry}/lab/labapp:1: ${WORDS.replace('HOST', host)}`);
    expect(image?.detail).toContain(`${registry} gave no answer within 5 s`);
    expect(image?.hint).toContain(`${host === 'podman' ? 'podman' : 'docker'} load`);
    expect(await existsOnHost(host, `/opt/homelab-tui/offreg${host}`)).toBe(false);
  });
});
