// The PostgreSQL part of Vikunja's LXC recipe ("Run one for Vikunja"), for real, in a Debian 12 guest
// with systemd on the lab's pve host: the plan's own steps create and start the container and point
// apt at the lab's apt-cacher-ng, then the recipe's "Install PostgreSQL for Vikunja" step runs
// unchanged (Debian's postgresql, a role and a database made through psql variables), and the app's
// login (the user and generated password Vikunja is given, over TCP to localhost as Vikunja connects)
// works from inside the guest. The Vikunja binary itself is downloaded from dl.vikunja.io, which this
// machine cannot reach: the recipe's first step ("Install Vikunja") does not run here; only its
// `apt-get update`, which the PostgreSQL step relies on, is run by the test in its place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/platform/plan/plan.js';
import { shippedLxcInputs } from '../../support/catalog.js';
import { newRecord } from '../../support/deployment-records.js';
import { loadLab, sshRun } from '../../support/lab.js';
import { applyPlan, expectPveContract, guestAddress, lxcLab, removeTestDeployments } from '../../support/lxc-lab.js';

const lab = loadLab();
const l = await lxcLab({ aptProxy: lab.pve.aptProxy });
const NAME = 'e2e-vkpg';
const templateFile = lab.pve.debianTemplate.replace(/^[^:]+:vztmpl\//, '');
const PASSWORD = "pw with 'quotes' and $dollar";

const inGuest = (vmid: number, script: string, env: string[] = []) => sshRun('pve', ['pct', 'exec', String(vmid), '--', 'env', ...env, 'sh', '-c', script], { timeoutMs: 600_000 });

beforeAll(async () => {
  await removeTestDeployments(lab, NAME);
  const download = await sshRun('pve', ['pvesh', 'create', `/nodes/${lab.pve.node}/aplinfo`, '--storage', lab.pve.storage.id, '--template', templateFile], { timeoutMs: 120_000 });
  expect(download.exitCode, download.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await l.close();
  await removeTestDeployments(lab, NAME);
  await sshRun('pve', ['rm', '-f', '--', `${lab.pve.storage.path}/template/cache/${templateFile}`]);
  expectPveContract(l, 'vikunja-postgres-debian');
}, 180_000);

describe("Vikunja's embedded PostgreSQL in a Debian guest", () => {
  it('the recipe step creates the database and user, and the app login works from inside the guest', async () => {
    const inputs = await shippedLxcInputs(
      'vikunja',
      `lxc_storage=${lab.pve.storage.id}`,
      'lxc_disk=2G',
      `lxc_ip=${guestAddress(lab, 75)}/24`,
      `lxc_gateway=${lab.pve.gateway}`,
      'public_url=http://tasks.lab/',
      'db_type=postgres',
      'db_mode=embedded',
      'db_name=vikunja_db',
      'db_user=vikunja_app',
      `db_embedded_password=${PASSWORD}`,
    );
    expect((await l.provider.preflight(l.ctx, inputs)).filter((i) => i.status !== 'ok').map((i) => `${i.label}: ${i.detail}`)).toEqual([]);
    const plan = await l.provider.planInstall(l.ctx, { name: NAME, inputs, record: newRecord(NAME, inputs) });
    const ids = plan.steps.map((s) => s.id);
    expect(ids.slice(0, 4)).toEqual(['check-id', 'create', 'start', 'apt-proxy']);
    const pgStep = plan.steps.find((s) => s.title === 'Install: Install PostgreSQL for Vikunja') as Plan['steps'][number];
    expect(pgStep).toBeDefined();

    const { status, op } = await applyPlan({ ...plan, steps: [...plan.steps.slice(0, 4)] }, l.runner);
    expect(status).toBe('succeeded');
    const vmid = Number(/Create container (\d+)/.exec(plan.steps[1]?.title ?? '')?.[1]);
    expect((await inGuest(vmid, 'apt-get update -q >/dev/null && echo updated')).stdout).toBe('updated\n');

    const started = Date.now();
    const pg = await applyPlan({ ...plan, steps: [pgStep] }, l.runner);
    console.log(`PostgreSQL step in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(pg.status).toBe('succeeded');

    const login = await inGuest(vmid, 'PGPASSWORD="$PW" psql -h localhost -U vikunja_app -d vikunja_db -tAc "select current_user, current_database(), version()"', [`PW=${PASSWORD}`]);
    expect(login.stderr).toBe('');
    expect(login.stdout).toMatch(/^vikunja_app\|vikunja_db\|PostgreSQL 15\.\d+/);
    const wrong = await inGuest(vmid, 'PGPASSWORD=wrong psql -h localhost -U vikunja_app -d vikunja_db -tAc "select 1"');
    expect(wrong.stderr).toContain('password authentication failed for user "vikunja_app"');
    // The server runs under systemd, as a Debian install leaves it.
    expect((await inGuest(vmid, 'systemctl is-active postgresql@15-main')).stdout).toBe('active\n');
    expect(await op.undo()).toBe('undone');
  }, 900_000);
});
