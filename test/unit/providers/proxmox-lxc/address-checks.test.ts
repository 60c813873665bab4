// A static address already in use on the bridge: refused at preflight naming who has it (a container's
// config, the node, or an answer on the bridge), checked again before `pct create`, and after start the
// address must answer with the new container's MAC.
import { describe, expect, it } from 'vitest';
import { addressProbeArgv, configHolders, parseAddressProbe, whyNotProbed } from '../../../../src/providers/proxmox-lxc/address-checks.js';
import { addressAnswersAsOurs, addressStillFree } from '../../../../src/providers/proxmox-lxc/address-steps.js';
import { ProxmoxLxcProvider } from '../../../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import { pveshGet } from '../../../../src/providers/proxmox-lxc/pve-commands.js';
import type { PlanAction } from '../../../../src/platform/plan/plan.js';
import type { ProviderContext } from '../../../../src/providers/provider.js';
import { preflightRefusal } from '../../../../src/services/install/preflight-refusal.js';
import { shippedLxcInputs } from '../../../support/catalog.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { expectLabNodeReads } from '../../../support/pve-fake-node.js';
import { pveFixture } from '../../../support/pve-fixtures.js';

const CONFIG_180 = pveFixture('lab-sim', 'ct-config.json');
const HELD = '10.211.200.180';
const FREE = '10.211.200.121';
const OUR_MAC = 'bc:24:11:05:dd:a6';
const neigh = (address: string, mac: string) => `${address} lladdr ${mac} REACHABLE\n`;

function context(runner: FakeRunner): ProviderContext {
  return { runner, hostName: 'pve', hostAddress: '10.211.3.2', clock: new FakeClock() };
}

async function preflight(runner: FakeRunner, address: string) {
  runner.expect({ argv: ['id', '-u'], result: { stdout: '0\n' } });
  const inputs = await shippedLxcInputs('labapp', 'lxc_storage=local', `lxc_ip=${address}/24`, 'lxc_gateway=10.211.200.1');
  return new ProxmoxLxcProvider({ template: 'local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz' }).preflight(context(runner), inputs);
}

async function run(action: PlanAction, output: string[] = []): Promise<void> {
  if (action.kind !== 'call') throw new Error('a call action was expected');
  await action.run({ signal: new AbortController().signal, output: (line) => output.push(line) });
}

describe('reading who holds an address', () => {
  it('finds the interface of a container config that has the address, with its hostname and MAC', () => {
    const config = { hostname: 'fx-ct', net0: 'name=eth0,bridge=vmbr0,ip=10.211.200.180/24,gw=10.211.200.1,hwaddr=BC:24:11:05:DD:A6,type=veth', net1: 'name=eth1,bridge=vmbr1,ip=dhcp' };
    expect(configHolders(config, HELD, { vmid: 180, node: 'lx-pve' })).toEqual([{ vmid: 180, node: 'lx-pve', key: 'net0', hostname: 'fx-ct', hwaddr: OUR_MAC }]);
    expect(configHolders(config, '10.211.200.18', { vmid: 180, node: 'lx-pve' })).toEqual([]);
  });

  it('reads the probe: the node itself, an ARP answer (even without a ping reply), a reply, silence, no ping', () => {
    expect(parseAddressProbe('node\n')).toEqual({ kind: 'node' });
    expect(parseAddressProbe(neigh(FREE, 'AA:BB:CC:00:11:22'))).toEqual({ kind: 'answered', mac: 'aa:bb:cc:00:11:22' });
    expect(parseAddressProbe(`${FREE} lladdr aa:bb:cc:00:11:22 STALE\n`)).toEqual({ kind: 'answered', mac: 'aa:bb:cc:00:11:22' });
    expect(parseAddressProbe('reply\n')).toEqual({ kind: 'answered' });
    expect(parseAddressProbe(`${FREE} INCOMPLETE\n`)).toEqual({ kind: 'silent' });
    expect(parseAddressProbe(`${FREE} FAILED\n`)).toEqual({ kind: 'silent' });
    expect(parseAddressProbe('')).toEqual({ kind: 'silent' });
    expect(parseAddressProbe('no-ping\n')).toMatchObject({ kind: 'unprobed' });
  });
});

describe('whether the node can ask on the bridge', () => {
  it('only for an address in the subnet of its own address on the bridge', () => {
    expect(whyNotProbed('10.0.0.5', 'vmbr0', '10.0.0.1/24')).toBeUndefined();
    expect(whyNotProbed('10.0.1.5', 'vmbr0', '10.0.0.1/24')).toBe("the node's address on vmbr0 is in another subnet (10.0.0.1/24)");
    expect(whyNotProbed('10.0.0.5', 'vmbr1', null)).toBe('the node has no address on vmbr1');
    expect(whyNotProbed('10.0.0.5', 'vmbr0', undefined)).toBeUndefined();
  });

  it('preflight: an address outside the bridge\'s subnet is checked in the configs only, and says so (a warning, no probe)', async () => {
    const runner = expectLabNodeReads(new FakeRunner('pve'), { resources: '[]' });
    const inputs = await shippedLxcInputs('labapp', 'lxc_storage=local', 'lxc_ip=10.99.0.5/24', 'lxc_gateway=10.99.0.1');
    runner.expect({ argv: ['id', '-u'], result: { stdout: '0\n' } });
    const items = await new ProxmoxLxcProvider({ template: 'local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz' }).preflight(context(runner), inputs);
    runner.verify();
    expect(items.find((i) => i.label.startsWith('Address'))).toMatchObject({ status: 'warn', detail: "in no container config, but not probed on vmbr0: the node's address on vmbr0 is in another subnet (10.211.200.1/24)" });
    expect(runner.calls.some((c) => c.argv[0] === 'sh')).toBe(false);
  });
});

describe('preflight of a static address', () => {
  it('an address in another container\'s config is a bad answer naming the vmid and hostname (exit 2)', async () => {
    const runner = expectLabNodeReads(new FakeRunner('pve'), { resources: pveFixture('lab-sim', 'cluster-resources.json') });
    runner.expect({ argv: pveshGet('/nodes/lx-pve/lxc/180/config'), result: { stdout: CONFIG_180 } });
    const items = await preflight(runner, HELD);
    runner.verify();
    const item = items.find((i) => i.label.startsWith('Address'));
    expect(item).toEqual({
      status: 'fail',
      field: 'lxc_ip',
      label: `Address ${HELD} (lxc_ip)`,
      detail: 'already in use: it is in the config of CT 180 (fx-ct) on lx-pve, net0',
      hint: 'choose a free address (lxc_ip), or dhcp',
    });
    const refusal = preflightRefusal('pve', items);
    expect(refusal).toMatchObject({ exitCode: 2, hint: 'choose a free address (lxc_ip), or dhcp' });
    expect(refusal?.message).toContain(`✗ Address ${HELD} (lxc_ip): already in use: it is in the config of CT 180 (fx-ct)`);
  });

  it('an address in no config that answers on the bridge is refused with the MAC that answered', async () => {
    const runner = expectLabNodeReads(new FakeRunner('pve'), { resources: pveFixture('lab-sim', 'cluster-resources.json') });
    runner.expect(
      { argv: pveshGet('/nodes/lx-pve/lxc/180/config'), result: { stdout: CONFIG_180 } },
      { argv: addressProbeArgv(FREE, 'vmbr0'), result: { stdout: neigh(FREE, '02:00:00:aa:bb:cc') } },
    );
    const item = (await preflight(runner, FREE)).find((i) => i.label.startsWith('Address'));
    expect(item).toMatchObject({ status: 'fail', field: 'lxc_ip', detail: 'already in use: something answers on the bridge vmbr0 with MAC 02:00:00:aa:bb:cc (no container config has it)' });
  });

  it('the node\'s own address is refused', async () => {
    const runner = expectLabNodeReads(new FakeRunner('pve'), { resources: '[]' });
    runner.expect({ argv: addressProbeArgv('10.211.200.2', 'vmbr0'), result: { stdout: 'node\n' } });
    expect((await preflight(runner, '10.211.200.2')).find((i) => i.label.startsWith('Address'))).toMatchObject({ status: 'fail', detail: 'already in use: it is an address of the node itself' });
  });

  it('a free address passes; a node that cannot probe gives a warning, not a pass', async () => {
    const free = expectLabNodeReads(new FakeRunner('pve'), { resources: '[]' });
    free.expect({ argv: addressProbeArgv(FREE, 'vmbr0'), result: { stdout: `${FREE} INCOMPLETE\n` } });
    const items = await preflight(free, FREE);
    free.verify();
    expect(items.find((i) => i.label.startsWith('Address'))).toEqual({ status: 'ok', label: `Address ${FREE} (lxc_ip)`, detail: 'free: in no container config, and nothing answers on vmbr0' });
    expect(preflightRefusal('pve', items)).toBeUndefined();
    const blind = expectLabNodeReads(new FakeRunner('pve'), { resources: '[]' });
    blind.expect({ argv: addressProbeArgv(FREE, 'vmbr0'), result: { stdout: 'no-ping\n' } });
    expect((await preflight(blind, FREE)).find((i) => i.label.startsWith('Address'))).toMatchObject({ status: 'warn', detail: 'in no container config, but not probed on vmbr0: the node has no ping' });
  });

  it('other failures without a field stay exit 1', () => {
    expect(preflightRefusal('pve', [{ status: 'fail', label: 'Memory', detail: 'short' }])?.exitCode).toBe(1);
  });
});

describe('at apply time', () => {
  const target = (runner: FakeRunner, address: string) => ({ runner, node: 'lx-pve', vmid: 100, ip: `${address}/24`, bridge: 'vmbr0' });

  it('right before pct create: an address taken since the review stops the install, naming who has it', async () => {
    const runner = new FakeRunner('pve').expect(
      { argv: pveshGet('/cluster/resources'), result: { stdout: pveFixture('lab-sim', 'cluster-resources.json') } },
      { argv: pveshGet('/nodes/lx-pve/lxc/180/config'), result: { stdout: CONFIG_180 } },
    );
    await expect(run(addressStillFree(target(runner, HELD)))).rejects.toMatchObject({
      name: 'UserError',
      message: `Address ${HELD} (lxc_ip) was taken after this plan was made: already in use: it is in the config of CT 180 (fx-ct) on lx-pve, net0; nothing was created`,
    });
  });

  it('right before pct create: a still free address lets it go on', async () => {
    const runner = new FakeRunner('pve').expect(
      { argv: pveshGet('/cluster/resources'), result: { stdout: '[]' } },
      { argv: addressProbeArgv(FREE, 'vmbr0'), result: { stdout: `${FREE} FAILED\n` } },
    );
    await run(addressStillFree(target(runner, FREE)));
    runner.verify();
  });

  const ourConfig = JSON.stringify({ hostname: 'labapp', net0: `name=eth0,bridge=vmbr0,ip=${FREE}/24,hwaddr=BC:24:11:05:DD:A6,type=veth` });

  it('after start: the address answering with the new container\'s MAC passes', async () => {
    const runner = new FakeRunner('pve').expect(
      { argv: pveshGet('/nodes/lx-pve/lxc/100/config'), result: { stdout: ourConfig } },
      { argv: addressProbeArgv(FREE, 'vmbr0'), result: { stdout: neigh(FREE, OUR_MAC) }, repeat: true },
    );
    await run(addressAnswersAsOurs(target(runner, FREE)));
    expect(runner.calls.filter((c) => c.argv[0] === 'sh')).toHaveLength(2);
  });

  it('after start: another MAC answering (an old container still holding the address) is not taken for health', async () => {
    const runner = new FakeRunner('pve').expect(
      { argv: pveshGet('/nodes/lx-pve/lxc/100/config'), result: { stdout: ourConfig } },
      { argv: addressProbeArgv(FREE, 'vmbr0'), result: { stdout: neigh(FREE, '02:00:00:aa:bb:cc') }, repeat: true },
    );
    await expect(run(addressAnswersAsOurs(target(runner, FREE)))).rejects.toMatchObject({
      name: 'UserError',
      message: `${FREE} answers on vmbr0 with MAC 02:00:00:aa:bb:cc, not CT 100's ${OUR_MAC}: another machine holds the address, so its answers are not this container's`,
    });
  });

  it('after start: a container that never answers on its address fails the step', async () => {
    const runner = new FakeRunner('pve').expect(
      { argv: pveshGet('/nodes/lx-pve/lxc/100/config'), result: { stdout: ourConfig } },
      { argv: addressProbeArgv(FREE, 'vmbr0'), result: { stdout: `${FREE} FAILED\n` }, repeat: true },
    );
    await expect(run(addressAnswersAsOurs(target(runner, FREE)))).rejects.toMatchObject({ message: `CT 100 does not answer on ${FREE} (vmbr0)` });
  });
});
