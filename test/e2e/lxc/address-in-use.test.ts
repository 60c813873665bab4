// A static address already in use on the Proxmox bridge is refused by the built CLI before anything is
// created, naming who has it: another container's config (its vmid and hostname), or an answer on the
// bridge from a machine no config knows (its MAC). A free address installs. An address taken between the
// review and apply stops the install before `pct create`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { httpGet, labHost, loadLab, sshRun } from '../../support/lab.js';
import { newRecord } from '../../support/deployment-records.js';
import { applyPlan, containerExists, containersOf, guestAddress, labappInputs, lxcLab, nodeCallLog, nodeCallsSince, removeTestDeployments } from '../../support/lxc-lab.js';
import { contractViolations, pveCalls } from '../../support/pve-contract.js';

const lab = loadLab();
const NAME = 'e2e-addr';
const held = guestAddress(lab, 85);
const stray = guestAddress(lab, 86);
const raced = guestAddress(lab, 87);
const l = await lxcLab({ healthTimeoutMs: 30_000 });
// A container the test makes with pct directly (not a homelab-tui deployment), removed at the end.
let stranger: number | undefined;
// A locally administered MAC no container config has.
const STRAY_MAC = '02:00:5e:e2:ad:86';
const configDir = mkdtempSync(join(tmpdir(), 'hl-lxc-addr-'));
const since = nodeCallLog(lab).size;
let strayPid: number | undefined;

const install = (name: string, address: string) =>
  labCli(configDir, ['install', 'labapp', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', name, '--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`, '--yes']);

/**
 * A machine on the bridge that no container config knows: a network namespace on the node (held by a
 * sleep this test owns) with a veth into the bridge, the address and a fixed MAC.
 */
async function startStray(): Promise<number> {
  const script = [
    'set -e',
    'setsid unshare -n sleep 600 </dev/null >/dev/null 2>&1 &',
    'pid=$!',
    'sleep 0.2',
    `ip link add e2eaddr0 type veth peer name eth0 netns "$pid"`,
    `ip link set e2eaddr0 master ${lab.pve.bridge} up`,
    `nsenter -t "$pid" -n ip link set eth0 address ${STRAY_MAC}`,
    `nsenter -t "$pid" -n ip addr add ${stray}/24 dev eth0`,
    'nsenter -t "$pid" -n ip link set lo up',
    'nsenter -t "$pid" -n ip link set eth0 up',
    'echo "$pid"',
  ].join('\n');
  const res = await sshRun('pve', script);
  expect(res.exitCode, res.stderr).toBe(0);
  return Number(res.stdout.trim());
}

beforeAll(async () => {
  await removeTestDeployments(lab, NAME);
  writeFileSync(join(configDir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 30\n');
  const added = await labCli(configDir, ['hosts', 'add', 'pve', '--address', labHost('pve').alias]);
  expect(added.code, added.stderr).toBe(0);
});

afterAll(async () => {
  // The namespace, and the veth with it, end with the process that holds it.
  if (strayPid) await sshRun('pve', `kill ${strayPid}`);
  if (stranger) await sshRun('pve', ['pct', 'destroy', String(stranger), '--force', '1'], { timeoutMs: 60_000 });
  await l.close();
  await removeTestDeployments(lab, NAME);
  rmSync(configDir, { recursive: true, force: true });
  expect(contractViolations(pveCalls(nodeCallsSince(lab, since)))).toEqual([]);
});

describe('a static address already in use on the bridge', () => {
  it('a free address installs, and the container answers on it', async () => {
    const run = await install(`${NAME}-first`, held);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`✓ Address ${held.replace(/\./g, '\\.')} \\(lxc_ip\\)`));
    expect(await httpGet(`http://${held}:8080/health`)).toEqual({ status: 200, body: 'ok' });
  });

  it('a second install with the address the first container holds is refused, naming its vmid and hostname (exit 2)', async () => {
    const [vmid] = await containersOf(lab, `${NAME}-first`);
    expect(vmid).toBeGreaterThan(0);
    const run = await install(`${NAME}-second`, held);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`✗ Address ${held} (lxc_ip): already in use: it is in the config of CT ${vmid} (${NAME}-first) on ${lab.pve.node}, net0`);
    expect(run.stderr).toContain('choose a free address (lxc_ip), or dhcp');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await containersOf(lab, `${NAME}-second`)).toEqual([]);
  });

  it('an address answered on the bridge by a machine no config knows is refused with its MAC (exit 2)', async () => {
    strayPid = await startStray();
    const run = await install(`${NAME}-third`, stray);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`✗ Address ${stray} (lxc_ip): already in use: something answers on the bridge ${lab.pve.bridge} with MAC ${STRAY_MAC} (no container config has it)`);
    expect(await containersOf(lab, `${NAME}-third`)).toEqual([]);
  });

  it('an address taken between the review and apply: apply stops before pct create, naming the container that took it', async () => {
    const inputs = await labappInputs(l.lab, raced);
    const plan = await l.provider.planInstall(l.ctx, { name: `${NAME}-race`, inputs, record: newRecord(`${NAME}-race`, inputs) });
    const planned = Number(/Create container (\d+)/.exec(plan.steps[1]?.title ?? '')?.[1]);
    stranger = planned + 1;
    const made = await sshRun('pve', ['pct', 'create', String(stranger), l.lab.pve.templates[0] as string, '--hostname', 'took-the-address', '--rootfs', `${l.lab.pve.storage.id}:1`, '--net0', `name=eth0,bridge=${l.lab.pve.bridge},ip=${raced}/24`], { timeoutMs: 60_000 });
    expect(made.exitCode, made.stderr).toBe(0);
    const { op, status } = await applyPlan(plan, l.runner);
    expect(status).toBe('failed');
    expect(op.failure?.step).toBe(0);
    expect(op.failure?.message).toBe(`Address ${raced} (lxc_ip) was taken after this plan was made: already in use: it is in the config of CT ${stranger} (took-the-address) on ${l.lab.pve.node}, net0; nothing was created`);
    expect(await containerExists(planned)).toBe(false);
  });
});
