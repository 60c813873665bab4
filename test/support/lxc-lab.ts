// The proxmox-lxc provider on the lab's Proxmox-like host, for end-to-end tests: the app's own SSH
// transport (a pool and its runner for the node) wrapped in a recording runner, so every pct/pvesh call
// is kept for the contract check; contexts, inputs, applying plans through the Operation engine, and
// cleanup of the containers a test created.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ProxmoxLxcProvider, type LxcProviderOptions } from '../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import type { ProviderContext } from '../../src/providers/provider.js';
import type { LxcInputs } from '../../src/providers/proxmox-lxc/inputs.js';
import { systemClock } from '../../src/platform/clock.js';
import type { OperationEvent } from '../../src/platform/operation/operation-events.js';
import { discardOperationLog } from '../../src/platform/operation/operation-log.js';
import { Operation } from '../../src/platform/operation/operation.js';
import type { Plan } from '../../src/platform/plan/plan.js';
import { shippedLxcInputs } from './catalog.js';
import { cliInteraction } from '../../src/platform/ssh/interaction.js';
import { createSshPool } from '../../src/platform/ssh/ssh-pool.js';
import { labHost, loadLab, sshRun, type LabManifest } from './lab.js';
import { contractViolations, pveCalls } from './pve-contract.js';
import { RecordingRunner } from './recording-runner.js';

/** One test file's view of the lab node; close() ends its SSH connection. */
export interface LxcLab {
  lab: LabManifest;
  runner: RecordingRunner;
  ctx: ProviderContext;
  provider: ProxmoxLxcProvider;
  close(): Promise<void>;
}

/**
 * The node as the inventory host "pve", reached through its alias in the lab's ssh config (identity,
 * strict known_hosts), over the fleet transport; no agent, no keys from a home directory. `login`
 * overrides the user (root in the lab's config).
 */
export async function lxcLab(options: LxcProviderOptions = {}, login?: { user: string }): Promise<LxcLab> {
  const lab = loadLab();
  const home = mkdtempSync(join(tmpdir(), 'hl-lxc-e2e-'));
  const pool = await createSshPool({
    appKnownHostsFile: join(home, 'known_hosts'),
    sshConfigFile: lab.ssh.config,
    userKnownHostsFiles: [join(home, 'user_known_hosts')],
    interaction: cliInteraction({ acceptNewHostKey: false }),
    agentSocket: null,
    home,
  });
  const runner = new RecordingRunner(pool.runnerFor({ kind: 'ssh', name: 'pve', address: labHost('pve', lab).alias, tags: [], ...(login ? { user: login.user } : {}) }));
  const ctx: ProviderContext = { runner, hostName: 'pve', hostAddress: labHost('pve', lab).address, clock: systemClock };
  return {
    lab,
    runner,
    ctx,
    provider: new ProxmoxLxcProvider(options),
    close: async () => {
      await pool.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The guest address `offset` places after the first one tests may use (…200.100). */
export function guestAddress(lab: LabManifest, offset: number): string {
  const [a, b, c, d] = lab.pve.guestAddresses.first.split('.').map(Number);
  return `${a}.${b}.${c}.${(d ?? 100) + offset}`;
}

/** The lab app's LXC inputs on the lab node: its storage, a static address and the bridge's gateway. */
export function labappInputs(lab: LabManifest, address: string, ...sets: string[]): Promise<LxcInputs> {
  return shippedLxcInputs('labapp', `lxc_storage=${lab.pve.storage.id}`, `lxc_ip=${address}/24`, `lxc_gateway=${lab.pve.gateway}`, ...sets);
}

/** Runs a plan through the Operation engine (no lock, no log file) and keeps its events. */
export async function applyPlan(plan: Plan, runner: RecordingRunner): Promise<{ op: Operation; status: string; events: OperationEvent[] }> {
  const events: OperationEvent[] = [];
  const op = new Operation(plan, { runner, clock: systemClock, log: discardOperationLog, id: `e2e-${plan.deployment}`, onEvent: (e) => events.push(e) });
  const status = await op.run();
  return { op, status, events };
}

/** Every pct/pvesh call this file made must pass PVE 9 and 8; the calls are also appended to the lab's contract log. */
export function expectPveContract(l: LxcLab, file: string): void {
  const calls = pveCalls(l.runner.calls);
  appendFileSync(join(l.lab.stateDir, 'pve-contract-calls.jsonl'), calls.map((argv) => `${JSON.stringify({ file, argv })}\n`).join(''));
  expect(calls.length).toBeGreaterThan(0);
  expect(contractViolations(calls)).toEqual([]);
}

async function pvesh(path: string): Promise<unknown> {
  const res = await sshRun('pve', ['pvesh', 'get', path, '--output-format', 'json']);
  if (res.exitCode !== 0) throw new Error(`pvesh get ${path}: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

/** Containers whose description says they belong to a deployment whose name starts with `prefix`. */
export async function containersOf(lab: LabManifest, prefix: string): Promise<number[]> {
  const resources = (await pvesh('/cluster/resources')) as { type: string; vmid?: number }[];
  const owned: number[] = [];
  for (const vmid of resources.filter((r) => r.type === 'lxc').map((r) => r.vmid as number)) {
    // Another test of the lane may destroy a container between the list and this read: it is not ours then.
    const config = (await pvesh(`/nodes/${lab.pve.node}/lxc/${vmid}/config`).catch((error: Error) => {
      if (/does not exist/.test(error.message)) return {};
      throw error;
    })) as { description?: string };
    if ((config.description ?? '').startsWith(`homelab-tui deployment ${prefix}`)) owned.push(vmid);
  }
  return owned;
}

/** Destroys what a test left behind: its containers (found by their description), records, data directories and kept-data notes. */
export async function removeTestDeployments(lab: LabManifest, prefix: string): Promise<void> {
  for (const vmid of await containersOf(lab, prefix)) await sshRun('pve', ['pct', 'destroy', String(vmid), '--force', '1', '--purge', '1'], { timeoutMs: 60_000 });
  await sshRun('pve', `rm -f /var/lib/homelab-tui/deployments/${prefix}*.json /var/lib/homelab-tui/kept-data/${prefix}*.json; rm -rf /var/lib/homelab-tui/data/${prefix}*`);
}

/** Whether a container exists on the lab node. */
export async function containerExists(vmid: number): Promise<boolean> {
  return (await sshRun('pve', ['pct', 'config', String(vmid)])).exitCode === 0;
}

/** Where the node's pct/pvesh simulators log every call, and how much of it is there now. */
export function nodeCallLog(lab: LabManifest): { path: string; size: number } {
  const path = join(lab.pve.stateDir, 'calls.jsonl');
  return { path, size: existsSync(path) ? statSync(path).size : 0 };
}

/** The pct/pvesh calls the node logged after `since` (a nodeCallLog size), as argv with the tool first. */
export function nodeCallsSince(lab: LabManifest, since: number): string[][] {
  const { path } = nodeCallLog(lab);
  return readFileSync(path, 'utf8')
    .slice(since)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const call = JSON.parse(line) as { tool: string; argv: string[] };
      return [call.tool, ...call.argv];
    });
}
