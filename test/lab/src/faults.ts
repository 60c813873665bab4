// Fault helpers for reliability tests: link down/up, SSH latency (a delay proxy), netem, loss, sshd stop/start,
// a nearly full data disk, and an address on a host's link that drops every packet sent to it. Each acts on one host of a running lab, named as in the manifest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabHost, LabManifest } from '../../support/lab-manifest.js';
import { inHost } from './host-anchor.js';
import { loadState, saveState } from './lab-state.js';
import type { LabSettings } from './lab-settings.js';
import { manifestPath } from './manifest-file.js';
import { isAlive, stopProcess } from './processes.js';
import { run, waitFor } from './shell.js';
import { sshdReady, startSshd } from './ssh-setup.js';
import { sshLatency } from './ssh-latency.js';

export const FAULTS = ['link-down', 'link-up', 'latency', 'latency-clear', 'netem', 'netem-clear', 'loss', 'loss-clear', 'rate', 'rate-clear', 'sshd-stop', 'sshd-start', 'disk-fill', 'disk-free', 'drop-address', 'drop-address-clear'] as const;
export type FaultName = (typeof FAULTS)[number];

const FILLER = '.lab-disk-filler';

function ipLink(host: LabHost): string[] {
  return host.linkNetns ? ['ip', '-n', host.linkNetns] : ['ip'];
}

function tc(host: LabHost): string[] {
  return host.linkNetns ? ['ip', 'netns', 'exec', host.linkNetns, 'tc'] : ['tc'];
}

function exec(argv: string[]): void {
  run(argv[0] as string, argv.slice(1));
}

export async function applyFault(s: LabSettings, fault: FaultName, hostName: string, args: string[]): Promise<void> {
  const manifest = JSON.parse(readFileSync(manifestPath(s.stateDir), 'utf8')) as LabManifest;
  const host = manifest.hosts.find((h) => h.name === hostName || h.alias === hostName);
  if (!host) throw new Error(`no host '${hostName}' in lab '${s.prefix}' (hosts: ${manifest.hosts.map((h) => h.name).join(', ')})`);
  const state = loadState(s.stateDir);
  const anchor = state?.processes.find((p) => p.name === 'anchor' && p.host === host.name);
  if (!state || !anchor) throw new Error(`lab '${s.prefix}' has no running host '${host.name}'`);
  switch (fault) {
    case 'link-down':
      return exec([...ipLink(host), 'link', 'set', host.linkDevice, 'down']);
    case 'link-up':
      exec([...ipLink(host), 'link', 'set', host.linkDevice, 'up']);
      // The kernel dropped the route to the guests with the link: the pve host routes them again, as lab:up set it.
      if (manifest.pve?.host === host.name) exec(['ip', 'route', 'replace', manifest.pve.guestSubnet, 'via', host.address]);
      return;
    case 'latency':
    case 'latency-clear':
      return sshLatency(s, state, host, anchor, fault === 'latency' ? args[0] : undefined);
    case 'netem': {
      const [delayMs = '100', lossPercent = '0'] = args;
      if (!/^\d+$/.test(delayMs) || !/^\d+(\.\d+)?$/.test(lossPercent)) throw new Error('usage: fault netem <host> <delay-ms> [loss-percent]');
      try {
        return exec([...tc(host), 'qdisc', 'replace', 'dev', host.linkDevice, 'root', 'netem', 'delay', `${delayMs}ms`, 'loss', `${lossPercent}%`]);
      } catch (err) {
        if (/qdisc kind is unknown/.test(String(err))) {
          throw new Error('this kernel has no netem qdisc (CONFIG_NET_SCH_NETEM is off): use the loss and rate faults instead');
        }
        throw err;
      }
    }
    case 'rate': {
      const [kbit = ''] = args;
      if (!/^\d+$/.test(kbit)) throw new Error('usage: fault rate <host> <kbit-per-second>');
      // tbf exists on kernels without netem; a slow link also delays whatever queues behind it.
      return exec([...tc(host), 'qdisc', 'replace', 'dev', host.linkDevice, 'root', 'tbf', 'rate', `${kbit}kbit`, 'burst', '16kbit', 'latency', '2s']);
    }
    case 'netem-clear':
    case 'rate-clear':
      // "No such file" when no qdisc was set is fine: the link is clean either way.
      try {
        exec([...tc(host), 'qdisc', 'del', 'dev', host.linkDevice, 'root']);
      } catch {
        /* already clean */
      }
      return;
    case 'loss': {
      const percent = Number(args[0] ?? '');
      if (!(percent > 0 && percent <= 100)) throw new Error('usage: fault loss <host> <percent 1-100>');
      const nft = ['ip', 'netns', 'exec', host.netns, 'nft'];
      try {
        exec([...nft, 'delete', 'table', 'inet', 'labfault']);
      } catch {
        /* not there yet */
      }
      exec([...nft, 'add', 'table', 'inet', 'labfault']);
      exec([...nft, 'add', 'chain', 'inet', 'labfault', 'input', '{ type filter hook input priority -100; policy accept; }']);
      // Packets arriving at the host are dropped at random (numgen), loopback excepted.
      const match = percent >= 100 ? [] : ['numgen', 'random', 'mod', '100', '<', String(Math.round(percent))];
      return exec([...nft, 'add', 'rule', 'inet', 'labfault', 'input', 'iif', '!=', 'lo', ...match, 'drop']);
    }
    case 'loss-clear':
      try {
        exec(['ip', 'netns', 'exec', host.netns, 'nft', 'delete', 'table', 'inet', 'labfault']);
      } catch {
        /* no loss was set */
      }
      return;
    case 'drop-address':
    case 'drop-address-clear': {
      // An address on the host's /24 that nobody owns, with a permanent neighbour entry to a MAC no
      // interface has: the host sends to it and the frames are dropped (no ARP failure, no ICMP), as
      // behind a firewall that drops. A connection to it hangs until the client gives up.
      const address = args[0] ?? '';
      const subnet = host.address.split('.').slice(0, 3).join('.');
      const last = Number(address.split('.')[3]);
      if (!address.startsWith(`${subnet}.`) || !(last >= 3 && last <= 254)) throw new Error(`usage: fault ${fault} <host> <address in ${subnet}.3-254>`);
      const neigh = ['ip', '-n', host.netns, 'neigh'];
      if (fault === 'drop-address') return exec([...neigh, 'replace', address, 'lladdr', `02:00:00:00:00:${last.toString(16).padStart(2, '0')}`, 'dev', 'eth0', 'nud', 'permanent']);
      try {
        exec([...neigh, 'del', address, 'dev', 'eth0']);
      } catch {
        /* not set */
      }
      return;
    }
    case 'sshd-stop': {
      const sshd = state.processes.find((p) => p.name === 'sshd' && p.host === host.name);
      if (sshd) await stopProcess(sshd);
      return;
    }
    case 'sshd-start': {
      const sshd = state.processes.find((p) => p.name === 'sshd' && p.host === host.name);
      if (sshd && isAlive(sshd)) return;
      const ctx = { name: host.name, netns: host.netns, hostname: host.alias, dir: join(s.stateDir, 'hosts', host.name), anchor };
      await startSshd(state, s.stateDir, ctx, join(ctx.dir, 'sshd_config'));
      saveState(s.stateDir, state);
      await waitFor(`sshd on ${host.name}`, () => sshdReady(ctx), 10_000);
      return;
    }
    case 'disk-fill':
    case 'disk-free': {
      if (!host.dataDisk) throw new Error(`host '${host.name}' has no data disk (hosts with one: ${manifest.hosts.filter((h) => h.dataDisk).map((h) => h.name).join(', ')})`);
      const ns = inHost(anchor);
      const filler = join(host.dataDisk.path, FILLER);
      exec([...ns, 'rm', '-f', filler]);
      if (fault === 'disk-free') return;
      const percent = Number(args[0] ?? '97');
      if (!(percent > 0 && percent < 100)) throw new Error('usage: fault disk-fill <host> [percent-used, default 97]');
      // statfs from inside the host: the tmpfs is mounted in its mount namespace only.
      const df = run(ns[0] as string, [...ns.slice(1), 'stat', '-f', '-c', '%S %b %f', host.dataDisk.path]).trim().split(' ').map(Number);
      const [bsize = 0, blocks = 0, free = 0] = df;
      const want = Math.floor((blocks * percent) / 100) - (blocks - free);
      if (want > 0) exec([...ns, 'fallocate', '-l', String(want * bsize), filler]);
      return;
    }
  }
}

