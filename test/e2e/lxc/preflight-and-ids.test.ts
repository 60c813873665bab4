// Preflight against the lab node's real capacity, and container ids: a clash moves an unfixed id to the
// next free one, refuses a fixed one, and an id taken between plan and apply stops before anything is
// created (and the other container is left alone by the undo).
import { freemem } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRecord } from '../../support/deployment-records.js';
import { sshRun } from '../../support/lab.js';
import { withPlainLogin } from '../../support/plain-login.js';
import { applyPlan, containerExists, expectPveContract, guestAddress, labappInputs, lxcLab, removeTestDeployments } from '../../support/lxc-lab.js';

const l = await lxcLab({ healthTimeoutMs: 30_000 });
const NAME = 'e2e-ids';
// A container the test owns that is not a homelab-tui deployment: created with pct directly.
const strangers: number[] = [];

async function stranger(vmid: number): Promise<void> {
  const res = await sshRun('pve', ['pct', 'create', String(vmid), l.lab.pve.templates[0] as string, '--hostname', `stranger-${vmid}`, '--rootfs', `${l.lab.pve.storage.id}:1`, '--description', 'not homelab-tui'], { timeoutMs: 60_000 });
  expect(res.exitCode, res.stderr).toBe(0);
  strangers.push(vmid);
}

async function nextId(): Promise<number> {
  return Number((await sshRun('pve', ['pvesh', 'get', '/cluster/nextid', '--output-format', 'json'])).stdout);
}

beforeAll(async () => removeTestDeployments(l.lab, NAME));

afterAll(async () => {
  await l.close();
  for (const vmid of strangers) await sshRun('pve', ['pct', 'destroy', String(vmid), '--force', '1'], { timeoutMs: 60_000 });
  await removeTestDeployments(l.lab, NAME);
  // Last, so a violation fails the file after the cleanup has run.
  expectPveContract(l, 'preflight-and-ids');
});

describe('preflight on the lab node', () => {
  it("more memory than the node has is refused, naming the node's free memory and the recipe's minimum", async () => {
    const askGiB = Math.ceil(freemem() / 2 ** 30) * 4;
    const items = await l.provider.preflight(l.ctx, await labappInputs(l.lab, guestAddress(l.lab, 30), `lxc_memory=${askGiB}G`));
    const memory = items.find((i) => i.label === 'Memory');
    expect(memory).toMatchObject({ status: 'fail', hint: 'ask for less (lxc_memory): labapp needs at least 64 MiB' });
    expect(memory?.detail).toMatch(new RegExp(`^${askGiB * 1024} MiB requested, but node ${l.lab.pve.node} has \\d+ MiB free$`));
    const freeMiB = Number(/has (\d+) MiB free/.exec(memory?.detail ?? '')?.[1]);
    // The node's own figure (MemAvailable), which is at most the total and near what this machine sees.
    expect(freeMiB).toBeGreaterThan(0);
    expect(freeMiB * 2 ** 20).toBeLessThan(askGiB * 2 ** 30);
  });

  it('a login that is not root is refused before anything is read from the node', async () => {
    const items = await withPlainLogin(l.lab, 'hllxe2e', async () => {
      const plain = await lxcLab({}, { user: 'hllxe2e' });
      try {
        const result = await plain.provider.preflight(plain.ctx, await labappInputs(l.lab, guestAddress(l.lab, 35)));
        expect(plain.runner.calls).toEqual([['id', '-u']]);
        return result;
      } finally {
        await plain.close();
      }
    });
    expect(items).toEqual([{ status: 'fail', label: 'Login', detail: expect.stringMatching(/^pct and pvesh need root, but the login on pve is uid [1-9]\d*$/), hint: 'connect to Proxmox VE nodes as root (host option --user root)' }]);
  });

  it('a storage too small for the disk, a bridge that does not exist, and a missing library are refused', async () => {
    const inputs = await labappInputs(l.lab, guestAddress(l.lab, 31), 'lxc_disk=64G', 'lxc_bridge=vmbr7');
    const items = await l.provider.preflight(l.ctx, { ...inputs, mounts: [{ hostPath: '/srv/e2e-no-such-library', guestPath: '/media/x', readOnly: true }] });
    expect(items.filter((i) => i.status === 'fail').map((i) => i.label)).toEqual([`Storage ${l.lab.pve.storage.id}`, 'Bridge vmbr7', 'Mount /srv/e2e-no-such-library → /media/x (read-only)']);
    expect(items.find((i) => i.label === 'Bridge vmbr7')?.hint).toBe(`set lxc_bridge to one of: ${l.lab.pve.bridge}`);
  });
});

describe('container ids', () => {
  it('an id clash picks the next free id when the user fixed none', async () => {
    const free = await nextId();
    await stranger(free);
    const inputs = await labappInputs(l.lab, guestAddress(l.lab, 32));
    const items = await l.provider.preflight(l.ctx, inputs);
    expect(items.find((i) => i.label === 'Container id')).toMatchObject({ status: 'ok', detail: `CT ${free + 1}, the next free id in the cluster` });
    const plan = await l.provider.planInstall(l.ctx, { name: `${NAME}-auto`, inputs, record: newRecord(`${NAME}-auto`, inputs) });
    expect(plan.steps[1]?.title).toBe(`Create container ${free + 1} (labapp) on ${l.lab.pve.node}`);
  });

  it('a fixed id that clashes is refused in preflight and by the plan', async () => {
    const taken = strangers[0] as number;
    const inputs = await labappInputs(l.lab, guestAddress(l.lab, 33), `lxc_ctid=${taken}`);
    const items = await l.provider.preflight(l.ctx, inputs);
    expect(items.find((i) => i.label === 'Container id')).toMatchObject({ status: 'fail', detail: `id ${taken} is taken by CT ${taken} "stranger-${taken}" on node ${l.lab.pve.node}` });
    await expect(l.provider.planInstall(l.ctx, { name: `${NAME}-fixed`, inputs, record: newRecord(`${NAME}-fixed`, inputs) })).rejects.toMatchObject({ name: 'UserError' });
  });

  it('an id taken between plan and apply: apply stops before creating anything, and "remove" has nothing to undo and leaves the other container alone', async () => {
    const inputs = await labappInputs(l.lab, guestAddress(l.lab, 34));
    const plan = await l.provider.planInstall(l.ctx, { name: `${NAME}-race`, inputs, record: newRecord(`${NAME}-race`, inputs) });
    const planned = Number(/Create container (\d+)/.exec(plan.steps[1]?.title ?? '')?.[1]);
    await stranger(planned);
    const { op, status } = await applyPlan(plan, l.runner);
    expect(status).toBe('failed');
    expect(op.failure?.message).toMatch(new RegExp(`^CT id ${planned} was taken after this plan was made \\(.*\\); nothing was created$`));
    expect(op.failure?.hint).toBe('plan again: the next free id is chosen when the plan is made');
    expect(await op.undo()).toBe('undone');
    expect(await containerExists(planned)).toBe(true);
    expect((await sshRun('pve', ['pct', 'config', String(planned)])).stdout).toContain(`hostname: stranger-${planned}`);
  });
});
