// The seeds' LXC plans on the lab node: Jellyfin (movies, tv, music and completed downloads bind-mounted
// read-only) and qBittorrent (the downloads tree read-write). Every pct/pvesh call of the whole plans
// passes the PVE 9 and 8 schemas; the first steps (check id, create, start) run for real, and the mount
// layout is checked inside the guests. The lab's busybox template stands in for Debian here (quick),
// and the root disks are 1 GiB; qBittorrent's install steps run for real in a Debian guest in
// qbittorrent-debian.test.ts.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LxcInputs } from '../../../src/providers/proxmox-lxc/inputs.js';
import type { Plan } from '../../../src/platform/plan/plan.js';
import { shippedLxcInputs } from '../../support/catalog.js';
import { newRecord } from '../../support/deployment-records.js';
import { loadLab, sshRun } from '../../support/lab.js';
import { applyPlan, containerExists, expectPveContract, guestAddress, lxcLab, removeTestDeployments } from '../../support/lxc-lab.js';
import { contractViolations } from '../../support/pve-contract.js';

// The lab's apt proxy: preflight checks that the guests can reach a package mirror through it.
const l = await lxcLab({ template: 'local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz', aptProxy: loadLab().pve.aptProxy });
const NAME = 'e2e-seed';
const root = join(l.lab.stateDir, 'e2e-seed');
const dir = (name: string) => join(root, name);

beforeAll(async () => {
  await removeTestDeployments(l.lab, NAME);
  rmSync(root, { recursive: true, force: true });
  for (const library of ['movies', 'tv', 'music', 'complete']) {
    mkdirSync(dir(library), { recursive: true });
    writeFileSync(join(dir(library), 'README'), `${library}\n`);
  }
});

afterAll(async () => {
  await l.close();
  await removeTestDeployments(l.lab, NAME);
  rmSync(root, { recursive: true, force: true });
  // Last, so a violation fails the file after the cleanup has run.
  expectPveContract(l, 'seed-plans');
});

async function seed(app: string, offset: number, ...sets: string[]): Promise<LxcInputs> {
  const inputs = await shippedLxcInputs(app, `lxc_ip=${guestAddress(l.lab, offset)}/24`, `lxc_gateway=${l.lab.pve.gateway}`, ...sets);
  return { ...inputs, resources: { ...inputs.resources, storage: l.lab.pve.storage.id, diskGiB: 1 } };
}

const runArgv = (plan: Plan) => plan.steps.flatMap((s) => s.actions.flatMap((a) => (a.kind === 'run' ? [[...a.command.argv]] : [])));

/** Applies the plan's first three steps (check id, create, start), then returns the container id. */
async function createAndStart(plan: Plan): Promise<{ vmid: number; undo: () => Promise<string> }> {
  const { op, status } = await applyPlan({ ...plan, steps: plan.steps.slice(0, 3) }, l.runner);
  expect(status).toBe('succeeded');
  return { vmid: Number(/Create container (\d+)/.exec(plan.steps[1]?.title ?? '')?.[1]), undo: () => op.undo() };
}

const inGuest = (vmid: number, script: string) => sshRun('pve', ['pct', 'exec', String(vmid), '--', 'sh', '-c', script], { timeoutMs: 60_000 });

describe('seed plans on the lab node', () => {
  it('Jellyfin: the libraries are read-only in the guest, and every call of the plan is one PVE accepts', async () => {
    const inputs = await seed('jellyfin', 50, `movies_dir=${dir('movies')}`, `tv_dir=${dir('tv')}`, `music_dir=${dir('music')}`, `downloads_dir=${dir('complete')}`);
    expect((await l.provider.preflight(l.ctx, inputs)).filter((i) => i.status !== 'ok').map((i) => i.label)).toEqual([]);
    const plan = await l.provider.planInstall(l.ctx, { name: `${NAME}-jellyfin`, inputs, record: newRecord(`${NAME}-jellyfin`, inputs) });
    const argv = runArgv(plan);
    expect(argv.find((a) => a[1] === 'create')).toEqual(expect.arrayContaining(['--mp0', `${dir('movies')},mp=/media/movies,ro=1`, '--mp3', `${dir('complete')},mp=/media/downloads,ro=1`]));
    expect(contractViolations(argv)).toEqual([]);

    const { vmid, undo } = await createAndStart(plan);
    const listing = await inGuest(vmid, 'cat /media/movies/README /media/tv/README /media/music/README /media/downloads/README; touch /media/movies/x 2>&1; echo "touch=$?"');
    expect(listing.stdout).toMatch(/^movies\ntv\nmusic\ncomplete\n.*Read-only file system\ntouch=1\n$/s);
    expect(await undo()).toBe('undone');
    expect(await containerExists(vmid)).toBe(false);
  });

  it("qBittorrent: the downloads tree is created for the container's root and is writable in the guest", async () => {
    const downloads = dir('downloads');
    const inputs = await seed('qbittorrent', 51, `downloads_dir=${downloads}`);
    const items = await l.provider.preflight(l.ctx, inputs);
    expect(items.find((i) => i.label === `Mount ${downloads} → /downloads`)).toMatchObject({ status: 'ok', detail: `${downloads} will be created for the container's root (uid 100000 on the node)` });
    const plan = await l.provider.planInstall(l.ctx, { name: `${NAME}-qbt`, inputs, record: newRecord(`${NAME}-qbt`, inputs) });
    expect(contractViolations(runArgv(plan))).toEqual([]);

    const { vmid, undo } = await createAndStart(plan);
    expect(statSync(downloads)).toMatchObject({ uid: 100000, gid: 100000 });
    expect((await inGuest(vmid, 'mkdir -p /downloads/complete/movies && echo ok')).stdout).toBe('ok\n');
    expect(await undo()).toBe('undone');
    // The host folder stays: PVE destroys only volumes it allocated.
    expect(statSync(join(downloads, 'complete', 'movies')).isDirectory()).toBe(true);
  });
});
