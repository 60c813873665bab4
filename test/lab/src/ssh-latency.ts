// Added latency on a host's SSH port without netem (this kernel has none): a recorded delay proxy
// inside the host, and an nftables redirect of incoming port 22 to it. Connections made after the
// fault see the delay; the proxy reaches sshd from inside the host, which the redirect leaves alone.
import { join } from 'node:path';
import type { LabHost } from '../../support/lab-manifest.js';
import type { ProcessRecord } from './lab-state.js';
import { saveState, type LabState } from './lab-state.js';
import type { LabSettings } from './lab-settings.js';
import { startDaemon } from './host-anchor.js';
import { stopProcess } from './processes.js';
import { attempt, run, waitFor } from './shell.js';

const PROXY_PORT = '2200';
const TABLE = 'labdelay';

function nft(host: LabHost, ...args: string[]): void {
  run('ip', ['netns', 'exec', host.netns, 'nft', ...args]);
}

/** Removes the redirect; absent when no latency was set, which is fine. */
function clear(host: LabHost): void {
  attempt('ip', ['netns', 'exec', host.netns, 'nft', 'delete', 'table', 'ip', TABLE]);
}

/** Adds `roundTripMs` of latency to new SSH connections to `host`, or clears it when undefined. */
export async function sshLatency(s: LabSettings, state: LabState, host: LabHost, anchor: ProcessRecord, roundTripMs: string | undefined): Promise<void> {
  clear(host);
  const old = state.processes.find((p) => p.name === 'delay-proxy' && p.host === host.name);
  if (old) await stopProcess(old);
  state.processes = state.processes.filter((p) => p !== old);
  saveState(s.stateDir, state);
  if (roundTripMs === undefined) return;
  if (!/^\d+$/.test(roundTripMs)) throw new Error('usage: fault latency <host> <round-trip-ms>');
  const oneWay = String(Math.round(Number(roundTripMs) / 2));
  const script = join(import.meta.dirname, 'delay-proxy.mjs');
  const ctx = { name: host.name, netns: host.netns, hostname: host.alias, dir: join(s.stateDir, 'hosts', host.name), anchor };
  await startDaemon(state, s.stateDir, ctx, 'delay-proxy', [process.execPath, script, PROXY_PORT, host.address, '22', oneWay]);
  await waitFor(`delay proxy on ${host.name}`, () => run('ip', ['netns', 'exec', host.netns, 'ss', '-ltnH', `sport = :${PROXY_PORT}`]).trim() !== '', 10_000);
  nft(host, 'add', 'table', 'ip', TABLE);
  nft(host, 'add', 'chain', 'ip', TABLE, 'pre', '{ type nat hook prerouting priority -100; }');
  nft(host, 'add', 'rule', 'ip', TABLE, 'pre', 'iif', '!=', 'lo', 'tcp', 'dport', '22', 'redirect', 'to', `:${PROXY_PORT}`);
}
