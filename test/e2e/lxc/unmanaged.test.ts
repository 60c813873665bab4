// A container made on the node with `pct create` by hand (not by homelab-tui) is listed as unmanaged
// under the node in `status`, so nothing runs there unseen; homelab-tui's own are not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { labHost, loadLab, sshRun } from '../../support/lab.js';

const lab = loadLab();
const configDir = mkdtempSync(join(tmpdir(), 'hl-lxc-unmanaged-'));
let vmid = 0;

beforeAll(async () => {
  const added = await labCli(configDir, ['hosts', 'add', 'pve', '--address', labHost('pve').alias]);
  expect(added.code, added.stderr).toBe(0);
  vmid = Number((await sshRun('pve', ['pvesh', 'get', '/cluster/nextid', '--output-format', 'json'])).stdout);
  const made = await sshRun('pve', ['pct', 'create', String(vmid), lab.pve.templates[0] as string, '--hostname', `byhand-${vmid}`, '--rootfs', `${lab.pve.storage.id}:1`, '--tags', 'community-script;notes'], { timeoutMs: 60_000 });
  expect(made.exitCode, made.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  if (vmid) await sshRun('pve', ['pct', 'destroy', String(vmid), '--force', '1'], { timeoutMs: 60_000 });
  rmSync(configDir, { recursive: true, force: true });
});

describe('a container made by hand on the node', () => {
  it('is listed as unmanaged in status, with its id, state and tags', async () => {
    const run = await labCli(configDir, ['status', '--host', 'pve', '--json']);
    const { hosts } = JSON.parse(run.stdout) as { hosts: { unmanaged: { name: string; provider: string; summary: string }[] }[] };
    expect(hosts[0]?.unmanaged).toContainEqual(expect.objectContaining({ name: `byhand-${vmid}`, provider: 'proxmox-lxc', summary: `LXC CT ${vmid} (stopped), tags community-script, notes` }));
    const text = await labCli(configDir, ['status', '--host', 'pve']);
    expect(text.stdout).toContain(`unmanaged on pve: byhand-${vmid}: LXC CT ${vmid} (stopped)`);
  });
});
