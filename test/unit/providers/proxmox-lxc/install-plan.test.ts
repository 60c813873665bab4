import { describe, expect, it } from 'vitest';
import { ProxmoxLxcProvider } from '../../../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import type { ProviderContext } from '../../../../src/providers/provider.js';
import type { LxcInputs } from '../../../../src/providers/proxmox-lxc/inputs.js';
import { UserError } from '../../../../src/platform/errors.js';
import type { Plan, PlanAction } from '../../../../src/platform/plan/plan.js';
import { renderPlanText, viewPlan } from '../../../../src/platform/plan/render-plan.js';
import { shippedLxcInputs } from '../../../support/catalog.js';
import { newRecord } from '../../../support/deployment-records.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { expectLabNodeReads } from '../../../support/pve-fake-node.js';
import { contractViolations } from '../../../support/pve-contract.js';
import { pveFixture } from '../../../support/pve-fixtures.js';
import { dataProbeArgv } from '../../../../src/platform/deployments/data-probe.js';

const LAB = ['lxc_storage=local', 'lxc_ip=10.211.200.120/24', 'lxc_gateway=10.211.200.1'];

async function plan(inputs: LxcInputs, runner: FakeRunner, options: ConstructorParameters<typeof ProxmoxLxcProvider>[0] = {}): Promise<Plan> {
  const ctx: ProviderContext = { runner, hostName: 'pve', hostAddress: '10.211.3.2', clock: new FakeClock() };
  return new ProxmoxLxcProvider({ template: 'local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz', ...options }).planInstall(ctx, { name: 'demo', inputs, record: newRecord('demo', inputs) });
}

const runArgv = (actions: readonly PlanAction[]) => actions.flatMap((a) => (a.kind === 'run' ? [[...a.command.argv]] : []));
const allArgv = (p: Plan) => p.steps.flatMap((s) => [...runArgv(s.actions), ...runArgv(s.undo ?? [])]);

describe('the install plan', () => {
  it('labapp on the lab node: create, start, the recipe step, the boot service, the health wait, the record', async () => {
    const runner = expectLabNodeReads(new FakeRunner('pve'));
    const p = await plan(await shippedLxcInputs('labapp', ...LAB), runner);
    runner.verify();
    expect(p.steps.map((s) => s.title)).toEqual([
      'Check that id 100 and address 10.211.200.120 are still free',
      'Create container 100 (labapp) on lx-pve',
      'Start container 100',
      'Install: Write the lab app',
      'Set up labapp to start on boot',
      'Wait for labapp to answer',
      'Write the deployment record',
    ]);
    // The app's data (what its backup covers) is a bind mount from the deployment's directory on the node.
    const data = '/var/lib/homelab-tui/data/demo/var/lib/labapp';
    expect(runArgv(p.steps[1]!.actions)).toEqual([
      ['mkdir', '-p', '--', data],
      ['chown', '100000:100000', '--', data],
      ['pct', 'create', '100', 'local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz', '--hostname', 'labapp', '--description', 'homelab-tui deployment demo (labapp 1)', '--tags', 'homelab-tui;labapp', '--cores', '1', '--memory', '64', '--swap', '512', '--rootfs', 'local:1', '--net0', 'name=eth0,bridge=vmbr0,ip=10.211.200.120/24,gw=10.211.200.1', '--unprivileged', '1', '--onboot', '1', '--mp0', `${data},mp=/var/lib/labapp`],
    ]);
    const written = p.steps.at(-1)?.recordChange;
    expect(written?.kind === 'write' && written.record.data).toEqual([{ path: data, created: true, root: '/var/lib/homelab-tui/data/demo', mount: '/var/lib/labapp' }]);
    expect(p.notes).toContain(`creates ${data} on the node, mounted at /var/lib/labapp in the container`);
    expect(p.steps[3]!.actions).toMatchObject([{ kind: 'run', stream: true, command: { argv: ['pct', 'exec', '100', '--', 'env', 'LABAPP_VERSION=1', 'sh', '-ec', expect.stringMatching(/^set -e\n/)] } }]);
    expect(viewPlan(p).steps[5]!.actions).toEqual([{ kind: 'wait', check: 'GET http://10.211.200.120:8080/health → 200 containing "ok" (from pve)', timeoutSeconds: 180 }]);
    expect(p.notes).toContain('The app will answer at http://10.211.200.120:8080/.');
  });

  it('every pct and pvesh call in the plan passes the PVE 9 and 8 schemas', async () => {
    for (const [app, sets] of [['labapp', LAB], ['qbittorrent', LAB], ['jellyfin', [...LAB, 'downloads_dir=/srv/downloads/complete']]] as const) {
      const inputs = { ...(await shippedLxcInputs(app, ...sets)), resources: { cores: 1, memoryMiB: 512, diskGiB: 1, storage: 'local' } };
      const probe = inputs.mounts.filter((m) => !m.readOnly).map((m) => m.hostPath);
      const runner = expectLabNodeReads(new FakeRunner('pve'), probe.length ? { mountProbe: { paths: probe, stdout: probe.map((path) => `${path}\tmissing\n`).join('') } } : {});
      const argv = allArgv(await plan(inputs, runner));
      expect(argv.filter((a) => a[0] === 'pct').length, app).toBeGreaterThan(3);
      expect(contractViolations(argv), app).toEqual([]);
    }
  });

  it('qBittorrent: a missing downloads tree is created on the node for the container\'s root before the create; uninstall keeps it', async () => {
    const inputs = await shippedLxcInputs('qbittorrent', ...LAB);
    const runner = expectLabNodeReads(new FakeRunner('pve'), { mountProbe: { paths: ['/srv/downloads'], stdout: '/srv/downloads\tmissing\n' } });
    const p = await plan({ ...inputs, resources: { ...inputs.resources, diskGiB: 1 } }, runner);
    expect(runArgv(p.steps[1]!.actions).slice(0, 2)).toEqual([
      ['mkdir', '-p', '--', '/srv/downloads'],
      ['chown', '100000:100000', '--', '/srv/downloads'],
    ]);
    expect(p.steps[1]!.creates).toContain('/srv/downloads on the node (kept on uninstall)');
    expect(runArgv(p.steps[1]!.actions).find((a) => a[1] === 'create')).toContain('/srv/downloads,mp=/downloads');
  });

  it('Vikunja with an embedded PostgreSQL: secrets never reach a command line, travel in 0600 files, and the review masks them', async () => {
    const inputs = await shippedLxcInputs('vikunja', ...LAB, 'public_url=https://tasks.example.org/', 'db_type=postgres', 'db_embedded_password=Pg-s3cret-value', 'service_secret=Svc-s3cret-value');
    const p = await plan({ ...inputs, resources: { ...inputs.resources, diskGiB: 1 } }, expectLabNodeReads(new FakeRunner('pve')));
    for (const argv of allArgv(p)) for (const word of argv) expect(word).not.toMatch(/s3cret-value/);
    const writes = p.steps.flatMap((s) => s.actions.filter((a) => a.kind === 'write'));
    const secretWrites = writes.filter((w) => w.kind === 'write' && /s3cret-value/.test(w.content));
    expect(secretWrites.map((w) => w.kind === 'write' && [w.path, w.mode])).toEqual([
      ['/var/lib/homelab-tui/staging/demo/step-2.env', 0o600],
      ['/var/lib/homelab-tui/staging/demo/vikunja.env', 0o600],
    ]);
    const pushes = allArgv(p).filter((a) => a[1] === 'push');
    expect(pushes).toContainEqual(['pct', 'push', '100', '/var/lib/homelab-tui/staging/demo/step-2.env', '/var/lib/homelab-tui/install/step-2.env', '--perms', '0600']);
    expect(pushes).toContainEqual(['pct', 'push', '100', '/var/lib/homelab-tui/staging/demo/vikunja.env', '/var/lib/homelab-tui/install/vikunja.env', '--perms', '0600']);
    const step = p.steps.find((s) => s.title === 'Install: Install PostgreSQL for Vikunja')!;
    expect(runArgv(step.actions).at(-1)).toEqual(expect.arrayContaining(['DB_NAME=vikunja', 'DB_USER=vikunja', 'HOMELAB_TUI_SECRETS=/var/lib/homelab-tui/install/step-2.env']));
    const text = renderPlanText(p, { fileLines: 100 });
    expect(text).not.toMatch(/s3cret-value/);
    expect(text).toContain("DB_PASSWORD='••••'");
    expect(p.secrets).toEqual(expect.arrayContaining(['Pg-s3cret-value', 'Svc-s3cret-value']));
  });

  it('public keys for root go to a staged file that pct reads, never on the command line', async () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests admin@laptop';
    const p = await plan(await shippedLxcInputs('labapp', ...LAB), expectLabNodeReads(new FakeRunner('pve')), { sshPublicKeys: key });
    const create = p.steps[1]!;
    expect(create.actions).toContainEqual({ kind: 'write', path: '/var/lib/homelab-tui/staging/demo/authorized_keys', content: `${key}\n`, mode: 0o600, description: "stage root's public keys for pct on the node" });
    expect(runArgv(create.actions).find((a) => a[1] === 'create')?.slice(-2)).toEqual(['--ssh-public-keys', '/var/lib/homelab-tui/staging/demo/authorized_keys']);
    expect(runArgv(create.actions).at(-1)).toEqual(['rm', '-rf', '--', '/var/lib/homelab-tui/staging/demo']);
  });

  it('an id clash: the next free id when none is fixed, a refusal naming the holder when one is', async () => {
    const resources = pveFixture('lab-sim', 'cluster-resources.json');
    const taken = expectLabNodeReads(new FakeRunner('pve'), { resources, nextId: 180 });
    expect((await plan(await shippedLxcInputs('labapp', ...LAB), taken)).steps[1]!.title).toBe('Create container 181 (labapp) on lx-pve');
    const fixed = expectLabNodeReads(new FakeRunner('pve'), { resources });
    await expect(plan(await shippedLxcInputs('labapp', ...LAB, 'lxc_ctid=180'), fixed)).rejects.toMatchObject({
      name: 'UserError',
      message: 'id 180 is taken by CT 180 "fx-ct" on node lx-pve',
      hint: 'choose another lxc_ctid, or leave it empty to take the next free id (100)',
    });
  });

  it('data kept by an earlier uninstall of the name is mounted again, stays this deployment\'s, and its note goes once installed', async () => {
    const data = '/var/lib/homelab-tui/data/demo/var/lib/labapp';
    const runner = expectLabNodeReads(new FakeRunner('pve'), { dataProbe: false });
    runner.expect({ argv: dataProbeArgv(['/var/lib/homelab-tui/kept-data/demo.json', data]), result: { stdout: `/var/lib/homelab-tui/kept-data/demo.json\t1\t1\t\n${data}\t1\t1\t\n` } });
    const p = await plan(await shippedLxcInputs('labapp', ...LAB), runner);
    runner.verify();
    const create = runArgv(p.steps[1]!.actions);
    expect(create.map((a) => a[0])).toEqual(['pct']);
    expect(create[0]).toContain(`${data},mp=/var/lib/labapp`);
    expect(runArgv(p.steps[1]!.undo ?? [])).toEqual([]);
    expect(p.data?.reused).toEqual([data]);
    const written = p.steps.find((s) => s.recordChange)?.recordChange;
    expect(written?.kind === 'write' && written.record.data).toEqual([{ path: data, created: true, root: '/var/lib/homelab-tui/data/demo', mount: '/var/lib/labapp' }]);
    expect(runArgv(p.steps.at(-1)!.actions)).toEqual([['rm', '-f', '--', '/var/lib/homelab-tui/kept-data/demo.json']]);
  });

  it('a Debian recipe on a node without a Debian template is refused with how to get one', async () => {
    const inputs = await shippedLxcInputs('jellyfin', ...LAB);
    const error = await plan(inputs, expectLabNodeReads(new FakeRunner('pve')), { template: undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).hint).toContain('pveam download local debian-12-standard_12.7-1_amd64.tar.zst');
  });
});
