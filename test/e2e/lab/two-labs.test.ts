// Two labs on one machine: a second lab with its own prefix and address range comes up beside the
// running one, each host reachable through its own lab's ssh config and keys; a second lab that
// reuses the running lab's prefix is refused before it touches anything; and taking the second lab
// down leaves the first whole.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labHost, loadLab, sshRun } from '../../support/lab.js';
import type { LabManifest } from '../../support/lab-manifest.js';

const LAB_SH = resolve(import.meta.dirname, '..', '..', 'lab', 'lab.sh');
const first = loadLab();
const firstPrefix = labHost('bare').alias.split('-')[0] ?? 'hl';
const [a, b] = labHost('bare').address.split('.');
// A prefix and /16 the first lab does not use (the first is at most 6 characters: keep 6).
const second = { LAB_PREFIX: `${firstPrefix.slice(0, 5)}z`, LAB_NET: `${a}.${(Number(b) + 37) % 256}` };
const stateDir = mkdtempSync(join(tmpdir(), 'hl-second-lab-'));

function lab(command: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile('bash', [LAB_SH, command], { env: { ...process.env, LAB_EXTRA_HOSTS: '0', ...env }, timeout: 170_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

function netnsList(): Promise<string[]> {
  return new Promise((done) => execFile('ip', ['netns', 'list'], (_e, out) => done(out.split('\n').map((l) => l.split(' ')[0] ?? '').filter(Boolean))));
}

afterAll(async () => {
  const down = await lab('down', { ...second, LAB_STATE_DIR: stateDir });
  rmSync(stateDir, { recursive: true, force: true });
  expect(down.code, down.out).toBe(0);
}, 120_000);

describe('two labs on one machine', () => {
  it('refuses a second lab with the running lab’s prefix, before creating anything', async () => {
    const before = await netnsList();
    const other = mkdtempSync(join(tmpdir(), 'hl-clash-lab-'));
    const clash = await lab('up', { LAB_PREFIX: firstPrefix, LAB_NET: second.LAB_NET, LAB_STATE_DIR: other });
    rmSync(other, { recursive: true, force: true });
    expect(clash.code).not.toBe(0);
    expect(clash.out).toContain(`another lab uses prefix '${firstPrefix}'`);
    expect(await netnsList()).toEqual(before);
  }, 60_000);

  it('brings a second lab up beside the first; both answer over ssh; the second goes down alone', async () => {
    const up = await lab('up', { ...second, LAB_STATE_DIR: stateDir });
    expect(up.code, up.out).toBe(0);
    const manifest = loadLab(join(stateDir, 'manifest.json')) as LabManifest;
    const names = await netnsList();
    for (const host of manifest.hosts) {
      expect(host.netns.startsWith(`${second.LAB_PREFIX}-`), host.netns).toBe(true);
      expect(host.address.startsWith(`${second.LAB_NET}.`), host.address).toBe(true);
      expect(names).toContain(host.netns);
    }
    // Each lab's bare host answers with its own hostname, through its own lab's config and keys.
    const [mine, theirs] = await Promise.all([sshRun('bare', 'hostname', { lab: first }), sshRun('bare', 'hostname', { lab: manifest })]);
    expect(mine.stdout.trim()).toBe(`${firstPrefix}-bare`);
    expect(theirs.stdout.trim()).toBe(`${second.LAB_PREFIX}-bare`);
    // The second lab's key is not the first lab's: its known_hosts does not vouch for the first lab.
    const crossed = await sshRun('bare', 'true', { lab: first, knownHosts: manifest.ssh.knownHosts });
    expect(crossed.exitCode).toBe(255);

    const down = await lab('down', { ...second, LAB_STATE_DIR: stateDir });
    expect(down.code, down.out).toBe(0);
    const left = await netnsList();
    expect(left.filter((n) => n.startsWith(`${second.LAB_PREFIX}-`))).toEqual([]);
    for (const host of first.hosts) expect(left).toContain(host.netns);
    expect((await sshRun('bare', 'hostname', { lab: first })).stdout.trim()).toBe(`${firstPrefix}-bare`);
  }, 240_000);
});
