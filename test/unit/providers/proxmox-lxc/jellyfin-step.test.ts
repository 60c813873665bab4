// Jellyfin's install step in a container, run for real by sh with stand-ins for the network tools
// (apt-cache, apt-get, curl, gpg print and log what they were asked) inside a private mount namespace
// whose /etc/apt is a fresh tmpfs, so this machine's apt sources are never touched. The Jellyfin
// repository carries only its newest release: the step installs what it offers and says so.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shippedLxcInputs } from '../../../support/catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'hl-jellyfin-step-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tool(name: string, body: string): void {
  writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >> "${dir}/calls.log"\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
}

async function runStep(candidate: string): Promise<{ status: number | null; stdout: string; stderr: string; calls: string[] }> {
  const inputs = await shippedLxcInputs('jellyfin', 'lxc_ip=192.168.1.50/24', 'lxc_gateway=192.168.1.1');
  const step = inputs.steps.find((s) => s.name === 'Install Jellyfin');
  if (!step) throw new Error('jellyfin has no "Install Jellyfin" step');
  writeFileSync(join(dir, 'calls.log'), '');
  tool('apt-get', 'exit 0');
  tool('curl', 'echo key');
  tool('gpg', 'cat >/dev/null');
  tool('apt-cache', `printf 'jellyfin-server:\\n  Installed: (none)\\n  Candidate: %s\\n' '${candidate}'`);
  const env = Object.entries(step.env).map(([k, v]) => `${k}=${v}`);
  const res = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs none /etc/apt && mkdir /etc/apt/sources.list.d && exec env "$@"', 'sh', `PATH=${dir}:/usr/bin:/bin`, ...env, 'sh', '-ec', step.script], { encoding: 'utf8', timeout: 20_000 });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr, calls: readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n') };
}

describe("Jellyfin's LXC install step", () => {
  it('the recipe version offered: installed without a word', async () => {
    const inputs = await shippedLxcInputs('jellyfin');
    const run = await runStep(`${inputs.version}+deb12`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('now offers');
    expect(run.calls.at(-1)).toBe('apt-get install -y jellyfin');
  });

  it('the repository moved on: it installs the version offered and says which, instead of failing', async () => {
    const run = await runStep('10.99.1+deb12');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/The Jellyfin repository now offers 10\.99\.1\+deb12 \(the recipe was written for [\d.]+\); installing 10\.99\.1\+deb12\./);
    expect(run.calls.at(-1)).toBe('apt-get install -y jellyfin');
  });

  it('no candidate at all: stops with the reason, nothing installed', async () => {
    const run = await runStep('(none)');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the Jellyfin repository offers no jellyfin-server for debian');
    expect(run.calls).not.toContain('apt-get install -y jellyfin');
  });

  it('the record carries the installed version of jellyfin-server (dpkg-query), not the recipe\'s', async () => {
    expect((await shippedLxcInputs('jellyfin')).package).toBe('jellyfin-server');
  });
});
