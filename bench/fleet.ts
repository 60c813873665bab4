// bench/fleet: the fleet transport's figures on the lab, printed as ratios in one run.
//   1. `hosts check` on 20 lab hosts with 100 ms added round trip, against one host (target: ≤ 2×).
//   2. A command on a warm connection against a fresh `ssh host cmd` (OpenSSH) (target: ≥ 5× faster).
// Needs `LAB_EXTRA_HOSTS=20 npm run lab:up` (LAB_PREFIX/LAB_NET as for the lab). Run: npm run bench:fleet
//
// The lab's hosts share this machine's CPUs and its /root: every SSH session as root runs root's
// ~/.bashrc, which costs what the bench prints as "login shell". So the figures are printed twice:
// for the lab's root login, and for a plain login (a user with /bin/sh, created for the run and removed
// afterwards, see test/support/plain-login.ts) that shows the transport without that cost.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { mapWithConcurrency } from '../src/platform/concurrency.js';
import { checkHosts } from '../src/services/hosts/check-hosts.js';
import type { KnownHost } from '../src/platform/config/inventory.js';
import type { CommandRunner } from '../src/platform/runner/command-runner.js';
import { labHostsWithRole, loadLab } from '../test/support/lab.js';
import { withPlainLogin } from '../test/support/plain-login.js';
import { aliasHost, benchPool, benchSshConfig, cpuTicks, median, startLatencyProxy, timeOpenSsh, workDir } from './fleet-setup.js';

const DELAY_MS = 100;
const ROUNDS = 3;
const CONCURRENCY = 32; // the CLI's default for hosts check
const PLAIN_USER = 'hl-bench';

const lab = loadLab();
const fleet = labHostsWithRole('fleet', lab).slice(0, 20);
if (fleet.length < 20) throw new Error(`bench/fleet needs 20 fleet hosts, the lab has ${fleet.length}: run LAB_EXTRA_HOSTS=20 npm run lab:up`);
const first = fleet[0] as (typeof fleet)[number];

/** Wall time of `work` on a fresh pool (so connecting is included), in ms. */
async function onFreshPool(config: string, work: (runnerFor: (h: KnownHost) => CommandRunner) => Promise<string[]>): Promise<number> {
  const pool = await benchPool(config);
  const start = performance.now();
  const failures = await work((h) => pool.runnerFor(h));
  const elapsed = performance.now() - start;
  await pool.close();
  if (failures.length > 0) throw new Error(`hosts failed during the bench (is the lab healthy? npm run lab:status):\n${failures.join('\n')}`);
  return elapsed;
}

const hostsCheck = (config: string, hosts: KnownHost[], cacheDir?: string) =>
  onFreshPool(config, async (runnerFor) => {
    const results = await checkHosts(hosts, { runnerFor, concurrency: CONCURRENCY, ...(cacheDir ? { cacheDir } : {}) });
    return results.filter((r) => !r.ok).map((r) => `${r.host}: ${r.error?.message ?? 'failed'}`);
  });
const connectAndTrue = (config: string, hosts: KnownHost[]) =>
  onFreshPool(config, async (runnerFor) => {
    const results = await mapWithConcurrency(hosts, CONCURRENCY, (h) => runnerFor(h).run({ argv: ['true'] }));
    return results.flatMap((r, i) => (r.exitCode === 0 ? [] : [`${hosts[i]?.name}: exit ${String(r.exitCode)} ${r.stderr}`]));
  });

/** Median of sequential `true` commands over one warm connection, and of fresh OpenSSH `ssh host true`. */
async function warmVersusFresh(config: string, alias: string): Promise<{ warm: number; fresh: number }> {
  const pool = await benchPool(config);
  const runner = pool.runnerFor(aliasHost(alias));
  await runner.run({ argv: ['true'] });
  const warm: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    await runner.run({ argv: ['true'] });
    warm.push(performance.now() - start);
  }
  await pool.close();
  const fresh: number[] = [];
  for (let i = 0; i < 10; i++) fresh.push(await timeOpenSsh(config, alias));
  return { warm: median(warm), fresh: median(fresh) };
}

/** What the login shell costs before a command runs, measured on the host over a warm connection. */
async function loginShellCost(config: string): Promise<number> {
  const pool = await benchPool(config);
  const runner = pool.runnerFor(aliasHost(`dir-${first.name}`));
  // bash reads ~/.bashrc when sshd starts it (SSH_CLIENT set, top-level shell): time that, on the host.
  const script = 'case $(basename "$SHELL") in bash) s=$(date +%s%N); env -u SHLVL bash -c true; e=$(date +%s%N); echo $(( (e-s)/1000000 ));; *) echo 0;; esac';
  const result = await runner.run({ argv: ['sh', '-c', script] });
  await pool.close();
  return Number(result.stdout.trim()) || 0;
}

const ms = (value: number): string => `${Math.round(value)} ms`.padStart(8);
const ratio = (value: number, target: string, met: boolean): string => `ratio ${value.toFixed(2)}x   target ${target}: ${met ? 'MET' : 'NOT MET'}`;

async function figuresFor(user: string, ports: Map<string, number>): Promise<string[]> {
  const config = benchSshConfig(lab, fleet, ports, user);
  const one = [aliasHost(`lat-${first.name}`)];
  const all = fleet.map((h) => aliasHost(`lat-${h.name}`));
  const cacheDir = join(workDir, `cache-${user}`);
  await hostsCheck(config, all, cacheDir); // warm-up, and the facts a repeated check reuses
  const m = { coldOne: [] as number[], coldAll: [] as number[], cpu: [] as number[], againOne: [] as number[], againAll: [] as number[], tOne: [] as number[], tAll: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    m.coldOne.push(await hostsCheck(config, one));
    const before = cpuTicks();
    m.coldAll.push(await hostsCheck(config, all));
    const after = cpuTicks();
    m.cpu.push((after.busy - before.busy) / (after.total - before.total));
    m.againOne.push(await hostsCheck(config, one, cacheDir));
    m.againAll.push(await hostsCheck(config, all, cacheDir));
    m.tOne.push(await connectAndTrue(config, one));
    m.tAll.push(await connectAndTrue(config, all));
  }
  const direct = await warmVersusFresh(config, `dir-${first.name}`);
  const slow = await warmVersusFresh(config, `lat-${first.name}`);
  const shell = await loginShellCost(config);
  const cold = median(m.coldAll) / median(m.coldOne);
  const again = median(m.againAll) / median(m.againOne);
  return [
    `login ${user} (login shell costs ${shell} ms per session on these hosts)`,
    `  hosts check, first time, 1 host        ${ms(median(m.coldOne))}`,
    `  hosts check, first time, 20 hosts      ${ms(median(m.coldAll))}   ${ratio(cold, '<= 2x', cold <= 2)}`,
    `    machine CPU busy during it: ${Math.round(median(m.cpu) * 100)}% (the 20 "hosts" share its cores)`,
    `  hosts check, again (versions reused), 1 host   ${ms(median(m.againOne))}`,
    `  hosts check, again (versions reused), 20 hosts ${ms(median(m.againAll))}   ${ratio(again, '<= 2x', again <= 2)}`,
    `  connect + true, 1 host / 20 hosts      ${ms(median(m.tOne))} / ${ms(median(m.tAll)).trim()}   ratio ${(median(m.tAll) / median(m.tOne)).toFixed(2)}x (transport alone)`,
    `  warm command vs fresh ssh (no delay)   ${ms(direct.warm)} vs ${ms(direct.fresh).trim()}   ${ratio(direct.fresh / direct.warm, '>= 5x', direct.fresh / direct.warm >= 5)}`,
    `  warm command vs fresh ssh (+${DELAY_MS} ms)   ${ms(slow.warm)} vs ${ms(slow.fresh).trim()}   ratio ${(slow.fresh / slow.warm).toFixed(2)}x`,
  ];
}

const proxy = await startLatencyProxy(fleet, DELAY_MS);
try {
  const lines = [
    `bench/fleet on lab '${process.env.LAB_PREFIX ?? 'hl'}': ${fleet.length} fleet hosts, +${DELAY_MS} ms round trip through a user-space proxy (this kernel has no netem); medians of ${ROUNDS}`,
  ];
  lines.push('', ...(await figuresFor(lab.ssh.user, proxy.ports)));
  lines.push('', ...(await withPlainLogin(lab, PLAIN_USER, () => figuresFor(PLAIN_USER, proxy.ports))));
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  if (proxy.child.pid) process.kill(proxy.child.pid, 'SIGTERM');
  rmSync(workDir, { recursive: true, force: true });
}
