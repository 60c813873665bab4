// The test lab from a test's point of view: load the manifest `npm run lab:up` wrote, reach hosts
// with the OpenSSH client (strict host keys, no prompts), and apply faults. See test/lab/README.md.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabHost, LabManifest } from './lab-manifest.js';

export type { LabDatabases, LabHost, LabManifest, LabPve, LabRole } from './lab-manifest.js';

const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAB_SH = join(REPO_DIR, 'test', 'lab', 'lab.sh');

/** Where the manifest is: LAB_MANIFEST, else the state dir of LAB_STATE_DIR or LAB_PREFIX (default "hl"). */
export function labManifestPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LAB_MANIFEST) return resolve(env.LAB_MANIFEST);
  const stateDir = env.LAB_STATE_DIR ?? join(REPO_DIR, 'test', 'lab', '.state', env.LAB_PREFIX ?? 'hl');
  return join(resolve(stateDir), 'manifest.json');
}

let cached: { path: string; manifest: LabManifest } | undefined;

/** Reads the manifest of the running lab; throws with the command to run when the lab is down. */
export function loadLab(path = labManifestPath()): LabManifest {
  if (cached?.path === path) return cached.manifest;
  if (!existsSync(path)) throw new Error(`the test lab is not up (no ${path}): run 'npm run lab:up' as root first`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as LabManifest;
  cached = { path, manifest };
  return manifest;
}

/** One host by name ("docker", "fleet-01") or alias ("hl-docker"). */
export function labHost(name: string, lab: LabManifest = loadLab()): LabHost {
  const host = lab.hosts.find((h) => h.name === name || h.alias === name);
  if (!host) throw new Error(`no lab host '${name}' (hosts: ${lab.hosts.map((h) => h.name).join(', ')})`);
  return host;
}

/** Hosts that have a role, e.g. labHostsWithRole('fleet'). */
export function labHostsWithRole(role: LabHost['roles'][number], lab: LabManifest = loadLab()): LabHost[] {
  return lab.hosts.filter((h) => h.roles.includes(role));
}

/**
 * OpenSSH client arguments for one host: the lab's ssh config (identity, known_hosts, ProxyJump),
 * strict host key checking and batch mode. Append the remote command: ['ssh', ...sshArgs('db'), 'true'].
 * `knownHosts` swaps the lab's known_hosts for another file (to prove a wrong key is refused).
 */
export function sshArgs(hostName: string, options: { knownHosts?: string; lab?: LabManifest } = {}): string[] {
  const lab = options.lab ?? loadLab();
  const host = labHost(hostName, lab);
  return [
    '-F', lab.ssh.config,
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes',
    ...(options.knownHosts ? ['-o', `UserKnownHostsFile=${options.knownHosts}`] : []),
    host.alias,
  ];
}

export interface LabRunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Quotes one word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

function runFile(cmd: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<LabRunResult> {
  return new Promise((done) => {
    const child = execFile(cmd, args, { timeout: options.timeoutMs ?? 60_000, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : err ? 255 : 0;
      done({ exitCode: code, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/**
 * Runs a command on a lab host over ssh. A string is one remote shell line; an array is quoted word
 * by word. Resolves with the exit code (255 is ssh's own failure); never rejects on a non-zero exit.
 */
export function sshRun(hostName: string, command: string | string[], options: { input?: string; timeoutMs?: number; knownHosts?: string; lab?: LabManifest } = {}): Promise<LabRunResult> {
  const line = Array.isArray(command) ? command.map(shellQuote).join(' ') : command;
  return runFile('ssh', [...sshArgs(hostName, options), line], options);
}

/** GET over plain HTTP from the root namespace (lab addresses only), with a timeout. */
export async function httpGet(url: string, timeoutMs = 5_000): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  return { status: res.status, body: await res.text() };
}

/** Polls check() until it returns true (or throws when the time is up). For readiness, not timing. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000, stepMs = 250): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

async function fault(name: string, host: string, ...args: string[]): Promise<void> {
  const res = await runFile('bash', [LAB_SH, 'fault', name, host, ...args]);
  if (res.exitCode !== 0) throw new Error(`lab fault ${name} ${host} failed: ${res.stderr.trim()}`);
}

/** Fault helpers (each is `bash test/lab/lab.sh fault <name> <host> …`). Undo what you do in afterEach. */
export const labFaults = {
  /** Takes the host's network link down (its address stops answering). */
  linkDown: (host: string) => fault('link-down', host),
  linkUp: (host: string) => fault('link-up', host),
  /** Adds latency (ms) and optional loss (%) with tc netem; rejects on kernels without netem (this VM). */
  addLatency: (host: string, delayMs: number, lossPercent = 0) => fault('netem', host, String(delayMs), String(lossPercent)),
  clearLatency: (host: string) => fault('netem-clear', host),
  /** Adds round-trip latency (ms) to new SSH connections to the host through a delay proxy (works without netem). */
  addSshLatency: (host: string, roundTripMs: number) => fault('latency', host, String(roundTripMs)),
  clearSshLatency: (host: string) => fault('latency-clear', host),
  /** Drops this percentage (1-100) of the packets arriving at the host (nftables, inside the host). */
  setLoss: (host: string, percent: number) => fault('loss', host, String(percent)),
  clearLoss: (host: string) => fault('loss-clear', host),
  /** Limits the link towards the host to this many kbit/s (tc tbf). */
  limitRate: (host: string, kbit: number) => fault('rate', host, String(kbit)),
  clearRate: (host: string) => fault('rate-clear', host),
  /** Stops the host's sshd (by its recorded PID); existing sessions end too. */
  stopSshd: (host: string) => fault('sshd-stop', host),
  startSshd: (host: string) => fault('sshd-start', host),
  /** Fills the host's data disk (manifest dataDisk.path) to the given percentage. */
  fillDisk: (host: string, percentUsed = 97) => fault('disk-fill', host, String(percentUsed)),
  freeDisk: (host: string) => fault('disk-free', host),
  /** Makes an unowned address on the host's /24 (last octet 3-254) drop every packet the host sends it. */
  dropAddress: (host: string, address: string) => fault('drop-address', host, address),
  clearDropAddress: (host: string, address: string) => fault('drop-address-clear', host, address),
};
