// The Proxmox LXC blue-green update (issue 14), built against a FakeRunner: where the recipe declares
// it and the managed Caddy serves the deployment, a copy made like an install (same template, the same
// bind-mounted data, a free id and a free address) is gated beside the container, the site switches to
// it, the container is updated in place, the site switches back and the copy is destroyed.
import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import type { PlanAction, PlanStep } from '../../../../src/platform/plan/plan.js';
import { writeFileCommand } from '../../../../src/platform/remote-file.js';
import { addressProbeArgv } from '../../../../src/providers/proxmox-lxc/address-checks.js';
import { ProxmoxLxcProvider } from '../../../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import { pct, pvePaths, pveshGet } from '../../../../src/providers/proxmox-lxc/pve-commands.js';
import type { ProviderContext, UpdateRequest } from '../../../../src/providers/provider.js';
import { shippedLxcInputs } from '../../../support/catalog.js';
import { newRecord } from '../../../support/deployment-records.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { contractViolations } from '../../../support/pve-contract.js';

const provider = new ProxmoxLxcProvider({ healthTimeoutMs: 10_000, keepSnapshots: 2 });
const SITE = '/var/lib/homelab-tui/proxy/caddy/sites/lab.caddy';
const SITE_TEXT = '# homelab-tui: the deployment "lab"\nlab.lab.test {\n\treverse_proxy 10.211.200.180:8080\n}\n';
const TEMPLATE = 'local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz';
const DATA = '/var/lib/homelab-tui/data/lab/var/lib/labapp';
const record: DeploymentRecord = {
  ...newRecord('lab', { app: 'labapp', version: '1' }),
  refs: { vmid: 180, node: 'lx-pve', hostname: 'fx-ct', address: '10.211.200.180', service: 'labapp', template: TEMPLATE, proxy: 'caddy', proxyDir: '/var/lib/homelab-tui/proxy/caddy', proxySite: SITE },
  probe: { kind: 'http', address: '10.211.200.180', port: 8080, path: '/health', expectStatus: 200, bodyContains: 'ok' },
};
const RESTORE: PlanAction = { kind: 'run', command: { argv: ['true', 'restore-data'] }, description: 'restore the data' };
const AT = Date.parse('2026-12-07T02:15:09Z');

const config = (vmid: number, ip: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ hostname: vmid === 180 ? 'fx-ct' : `other-${vmid}`, net0: `name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:${vmid % 100},ip=${ip}/24,gw=10.211.200.1`, ...extra });
const ownConfig = config(180, '10.211.200.180', { mp0: `${DATA},mp=/var/lib/labapp` });

/** The node as the plan reads it: CT 180 (the deployment) and CT 181, which holds 10.211.200.181 in its config. */
function node(ownConfigText = ownConfig): FakeRunner {
  return new FakeRunner('pve').expect(
    { argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' }, repeat: true },
    { argv: ['sh', '-c', 'if [ -e "$1" ]; then cat -- "$1"; else exit 3; fi', 'sh', SITE], result: { stdout: SITE_TEXT }, repeat: true },
    { argv: pveshGet(pvePaths.containerConfig('lx-pve', 180)), result: { stdout: ownConfigText }, repeat: true },
    { argv: pveshGet(pvePaths.containerConfig('lx-pve', 181)), result: { stdout: config(181, '10.211.200.181') }, repeat: true },
    { argv: pveshGet(pvePaths.clusterResources), result: { stdout: JSON.stringify([{ type: 'lxc', vmid: 180, node: 'lx-pve' }, { type: 'lxc', vmid: 181, node: 'lx-pve' }]) }, repeat: true },
    { argv: pveshGet(pvePaths.nextId), result: { stdout: '"181"' }, repeat: true },
    // Nothing answers on the bridge at .182.
    { argv: addressProbeArgv('10.211.200.182', 'vmbr0'), result: { stdout: '' } },
  );
}

function context(runner: FakeRunner): ProviderContext {
  return { runner, hostName: 'pve', hostAddress: '10.211.3.2', clock: new FakeClock(AT) };
}

async function request(): Promise<UpdateRequest> {
  const inputs = await shippedLxcInputs('labapp', 'version=2', 'lxc_ip=10.211.200.180/24', 'lxc_gateway=10.211.200.1', 'lxc_storage=local');
  return { from: '1', to: '2', images: {}, restoreData: [RESTORE], inputs: () => inputs, at: AT, blueGreen: true };
}

const runs = (actions: readonly PlanAction[] | undefined) => (actions ?? []).flatMap((a) => (a.kind === 'run' ? [a.command.argv] : []));
const writes = (step: PlanStep | undefined) => (step?.actions ?? []).flatMap((a) => (a.kind === 'write' ? [a] : []));

describe('the Proxmox LXC blue-green update', () => {
  it('makes the copy like an install (same template, the same bind-mounted data, a free id and address, not on boot), gates it, switches the site, and ends at the container', async () => {
    const runner = node();
    const steps = await provider.planUpdate(context(runner), record, await request());
    runner.verify();
    expect(steps.beside?.map((s) => s.id)).toEqual(['green-check', 'green-up', 'green-start', 'green-step-1', 'green-service', 'green-gate', 'switch']);
    expect(steps.finish?.map((s) => s.id)).toEqual(['switch-back', 'green-down']);
    const up = steps.beside?.[1];
    const create = runs(up?.actions).find((argv) => argv[1] === 'create') ?? [];
    expect(create.slice(0, 4)).toEqual(['pct', 'create', '182', TEMPLATE]);
    expect(create.join(' ')).toContain('--hostname fx-ct-green --description homelab-tui deployment lab-hl-green (labapp 2)');
    expect(create.join(' ')).toContain('--net0 name=eth0,bridge=vmbr0,ip=10.211.200.182/24,gw=10.211.200.1');
    expect(create.join(' ')).toContain(`--onboot 0 --mp0 ${DATA},mp=/var/lib/labapp`);
    expect(contractViolations([create])).toEqual([]);
    // The note for an interrupted update is written before the copy exists.
    expect(writes(up)[0]).toMatchObject({ path: '/var/lib/homelab-tui/updates/lab.lxc-green', content: '182 fx-ct-green\n', mode: 0o600 });
    expect(runs(steps.beside?.[3]?.actions)[0]?.join(' ')).toMatch(/^pct exec 182 -- env LABAPP_VERSION=2 sh -ec/);
    expect(steps.beside?.[5]?.actions[0]).toMatchObject({ kind: 'wait' });
    expect(steps.beside?.[5]?.title).toBe('Health gate: labapp 2 beside 1 runs and answers at 10.211.200.182:8080');
    const switchStep = steps.beside?.[6];
    expect(writes(switchStep)[0]).toMatchObject({ path: SITE, content: SITE_TEXT.replace('10.211.200.180:8080', '10.211.200.182:8080') });
    expect(writes({ id: 'u', title: '', actions: switchStep?.undo ?? [] })[0]).toMatchObject({ path: SITE, content: SITE_TEXT });
    expect(writes(steps.finish?.[0])[0]).toMatchObject({ path: SITE, content: SITE_TEXT });
    // The copy goes (only if it is the one made: the create's guarded destroy), then its note.
    expect(steps.finish?.[1]?.actions.map((a) => a.kind)).toEqual(['call', 'run']);
    expect(runs(steps.finish?.[1]?.actions)).toEqual([['rm', '-f', '--', '/var/lib/homelab-tui/updates/lab.lxc-green']]);
    // A failure after the switch: the copy goes first, then the rollback of the container as in place.
    const undo = steps.apply.undo ?? [];
    expect(undo[0]).toMatchObject({ kind: 'call', description: expect.stringContaining('pct destroy 182 --force 1 --purge 1') });
    expect(undo[2]).toMatchObject({ kind: 'run', command: { argv: pct.rollback(180, 'homelab-tui-20261207-021509', false) } });
    expect(steps.notes).toEqual([expect.stringMatching(/^blue-green: 2 starts beside 1 in a new container 182 at 10\.211\.200\.182/)]);
  });

  it('a site on a proxy host (hosts.yaml proxy): the switches run there, read through its runner; an unknown proxy host means in place', async () => {
    const onProxy = { ...record, refs: { ...record.refs, proxyHost: 'edge' } };
    const nodeRunner = node();
    const proxy = new FakeRunner('edge').expect({ argv: ['sh', '-c', 'if [ -e "$1" ]; then cat -- "$1"; else exit 3; fi', 'sh', SITE], result: { stdout: SITE_TEXT } });
    // The node's expectation of the site read is not used: the site is read on the proxy host.
    const steps = await provider.planUpdate({ ...context(nodeRunner), proxyHost: { name: 'edge', upstream: '10.211.253.1', runner: proxy } }, onProxy, await request());
    proxy.verify();
    expect(steps.beside?.at(-1)).toMatchObject({ id: 'switch', host: 'edge' });
    expect(steps.finish?.[0]).toMatchObject({ id: 'switch-back', host: 'edge' });
    expect(steps.finish?.[1]?.host).toBeUndefined();
    const elsewhere = await provider.planUpdate(context(node()), onProxy, await request());
    expect(elsewhere.notes?.[0]).toMatch(/^in place, not blue-green: its site is on edge, which hosts.yaml does not name as the proxy of pve;/);
  });

  it('without a site of the managed Caddy it runs in place and says why', async () => {
    const runner = new FakeRunner('pve').expect({ argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' }, repeat: true });
    const { proxy: _p, proxyDir: _d, proxySite: _s, ...refs } = record.refs;
    const steps = await provider.planUpdate(context(runner), { ...record, refs }, await request());
    expect(steps.beside).toBeUndefined();
    expect(steps.notes).toEqual(['in place, not blue-green: it is not served by the managed Caddy (proxmoxLxc.proxy and a domain), so nothing can switch its traffic; labapp in CT 180 is down while it restarts']);
  });

  it('a mount point that is a volume of the container cannot be shared: in place, saying so', async () => {
    const runner = node(config(180, '10.211.200.180', { mp0: `${DATA},mp=/var/lib/labapp`, mp1: 'local-lvm:vm-180-disk-1,mp=/cache,size=1G' }));
    runner.expect({ argv: addressProbeArgv('10.211.200.182', 'vmbr0'), repeat: true });
    const steps = await provider.planUpdate(context(runner), record, await request());
    expect(steps.beside).toBeUndefined();
    expect(steps.notes?.[0]).toMatch(/^in place, not blue-green: its mount point mp1 is a volume of the container, which a copy cannot share;/);
  });

  it('an interrupted blue-green update: undo destroys the copy its note names and points the site at the container again', async () => {
    const moved = SITE_TEXT.replace('10.211.200.180:8080', '10.211.200.182:8080');
    const runner = new FakeRunner('pve').expect(
      { argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' }, repeat: true },
      { argv: ['cat', '--', '/var/lib/homelab-tui/updates/lab.lxc-green'], result: { stdout: '182 fx-ct-green\n' } },
      { argv: pveshGet(pvePaths.containerConfig('lx-pve', 182)), result: { stdout: JSON.stringify({ hostname: 'fx-ct-green', description: 'homelab-tui deployment lab-hl-green (labapp 2)' }) } },
      { argv: pct.destroy(182, { force: true, purge: true }) },
      { argv: ['sh', '-c', 'if [ -e "$1" ]; then cat -- "$1"; else exit 3; fi', 'sh', SITE], result: { stdout: moved } },
      { argv: writeFileCommand(SITE, SITE_TEXT, 0o644).argv, stdin: SITE_TEXT },
      // caddy validate and reload, on the node that serves the site.
      { argv: ['sh', '-c'], prefix: true },
      { argv: ['rm', '-f', '--', '/var/lib/homelab-tui/updates/lab.lxc-green'] },
      { argv: ['cat', '--', '/var/lib/homelab-tui/updates/lab.lxc-snapshot'], result: { exitCode: 1 } },
    );
    const step = await provider.interruptedUpdateStep(context(runner), record, { from: '1', restoreData: [RESTORE] });
    const lines: string[] = [];
    for (const action of step.actions) if (action.kind === 'call') await action.run({ signal: new AbortController().signal, output: (l) => lines.push(l) });
    runner.verify();
    expect(lines[0]).toBe('/var/lib/homelab-tui/updates/lab.lxc-green is there: the update had created CT 182 beside CT 180 (blue-green)');
    expect(lines).toContain("→ Caddy's site /var/lib/homelab-tui/proxy/caddy/sites/lab.caddy sends to 10.211.200.180:8080 again");
    expect(lines.at(-1)).toBe('/var/lib/homelab-tui/updates/lab.lxc-snapshot is not there: the update had not changed lab; nothing to roll back');
  });
});
