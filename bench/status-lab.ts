// Figure 3 of bench/dashboard: `homelab-tui status --json` (the built CLI, a fresh process each run) on
// the lab's 20 fleet hosts with 200 ms of round trip added to every SSH connection (the lab's delay
// proxy inside each host; this kernel has no netem). Needs `LAB_EXTRA_HOSTS=20 npm run lab:up`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labFaults, labHostsWithRole, loadLab, type LabHost } from '../test/support/lab.js';

const root = join(import.meta.dirname, '..');
const DELAY_MS = 200;
const RUNS = 3;

export interface StatusFigures {
  hosts: number;
  delayMs: number;
  runsMs: number[];
  exitCodes: number[];
  reachable: number;
  /** The same status with one of those hosts alone, for the 20-against-1 ratio. */
  oneHostRunsMs: number[];
  /** Hosts whose answer carried their resource figures (load, memory, disks). */
  withFigures: number;
}

function runStatus(configDir: string, sshConfig: string): Promise<{ ms: number; code: number; stdout: string; stderr: string }> {
  const start = performance.now();
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'homelab-tui.js'), '--config-dir', configDir, '--ssh-config', sshConfig, 'status', '--json'],
      { env: { ...process.env, HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' }, timeout: 120_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => done({ ms: performance.now() - start, code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs the figure; undefined when the lab (with its 20 fleet hosts) is not up. */
export async function measureStatusOnLab(): Promise<StatusFigures | string> {
  let fleet: LabHost[];
  let sshConfig: string;
  try {
    const lab = loadLab();
    fleet = labHostsWithRole('fleet', lab).slice(0, 20);
    sshConfig = lab.ssh.config;
  } catch (error) {
    return `skipped: ${(error as Error).message}`;
  }
  if (fleet.length < 20) return `skipped: the lab has ${fleet.length} fleet hosts; run LAB_EXTRA_HOSTS=20 npm run lab:up`;
  const configDir = mkdtempSync(join(tmpdir(), 'hl-bench-status-'));
  const oneDir = mkdtempSync(join(tmpdir(), 'hl-bench-status-1-'));
  const inventory = (hosts: readonly LabHost[]) => `hosts:\n${hosts.map((h) => `  - name: ${h.name}\n    address: ${h.alias}\n`).join('')}`;
  writeFileSync(join(configDir, 'hosts.yaml'), inventory(fleet));
  writeFileSync(join(oneDir, 'hosts.yaml'), inventory(fleet.slice(0, 1)));
  try {
    // One at a time: each fault rewrites the lab's state file.
    for (const h of fleet) await labFaults.addSshLatency(h.name, DELAY_MS);
    const runs: Array<{ ms: number; code: number; reachable: number; withFigures: number }> = [];
    const oneHostRunsMs: number[] = [];
    // Alternated, so a change in the machine's load falls on both sizes alike.
    for (let i = 0; i < RUNS; i++) {
      oneHostRunsMs.push((await runStatus(oneDir, sshConfig)).ms);
      const run = await runStatus(configDir, sshConfig);
      let hosts: Array<{ host: string; reachable: boolean; resources?: { memoryTotalBytes?: number } }> = [];
      try {
        hosts = (JSON.parse(run.stdout) as { hosts: typeof hosts }).hosts.filter((h) => h.host !== 'local');
      } catch {
        throw new Error(`status --json printed no JSON (exit ${run.code}): ${run.stderr.slice(0, 500)}`);
      }
      runs.push({ ms: run.ms, code: run.code, reachable: hosts.filter((h) => h.reachable).length, withFigures: hosts.filter((h) => h.resources?.memoryTotalBytes !== undefined).length });
    }
    return {
      hosts: fleet.length,
      delayMs: DELAY_MS,
      runsMs: runs.map((r) => r.ms),
      exitCodes: runs.map((r) => r.code),
      reachable: Math.min(...runs.map((r) => r.reachable)),
      oneHostRunsMs,
      withFigures: Math.min(...runs.map((r) => r.withFigures)),
    };
  } finally {
    for (const h of fleet) await labFaults.clearSshLatency(h.name).catch(() => undefined);
    rmSync(configDir, { recursive: true, force: true });
    rmSync(oneDir, { recursive: true, force: true });
  }
}
