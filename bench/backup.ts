// bench:backup (issue 15): a 1 GiB data directory of incompressible bytes (made on the lab's docker
// host) backed up by `homelab-tui backup` against `ssh host tar -c DIR | cat > file` in the same run
// (target: at least 0.8x its speed), and the CLI's peak memory against the same command with
// --dry-run, which opens the same session and reads the same record but streams nothing (target:
// growth at most 64 MB). Needs the lab (LAB_PREFIX/LAB_NET as for lab:up) and the built CLI.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labHost, loadLab, sshRun } from '../test/support/lab.js';

const BIN = fileURLToPath(new URL('../bin/homelab-tui.js', import.meta.url));
const NAME = 'bench-bk';
const PORT = 18261;
const SIZE_MIB = Number(process.env.BENCH_MIB ?? 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DATA = `/srv/${NAME}/data`;
const lab = loadLab();
const configDir = mkdtempSync(join(tmpdir(), 'hl-bench-backup-'));
const out = mkdtempSync(join(tmpdir(), 'hl-bench-archives-'));

function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const start = performance.now();
  return new Promise((done) => {
    const child = spawn(argv[0] ?? '', argv.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code, stdout, stderr, ms: performance.now() - start }));
  });
}

/** The built CLI under GNU time, which writes the peak RSS (KiB) to `rssFile`. */
async function cli(args: string[], rssFile?: string) {
  const timed = rssFile ? ['/usr/bin/time', '-f', '%M', '-o', rssFile] : [];
  const profile = process.env.BENCH_PROFILE && args[0] === 'backup' ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const result = await run([...timed, process.execPath, ...profile, BIN, '--config-dir', configDir, '--ssh-config', lab.ssh.config, ...args], { HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' });
  if (result.code !== 0) throw new Error(`homelab-tui ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return { ...result, peakMiB: rssFile ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : 0 };
}

async function onHost(line: string): Promise<void> {
  const result = await sshRun('docker', line, { timeoutMs: 600_000 });
  if (result.exitCode !== 0) throw new Error(`docker: ${line}: ${result.stderr}`);
}

/** CPU seconds this whole machine has spent busy so far (/proc/stat, USER_HZ 100): the lab's hosts are namespaces here, so their sshd and tar count too. */
function machineBusySeconds(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / 100;
}

/** Runs `work`, and how many CPU seconds the machine was busy meanwhile. */
async function busyDuring<T>(work: () => Promise<T>): Promise<T & { busy: number }> {
  const before = machineBusySeconds();
  const result = await work();
  return { ...result, busy: machineBusySeconds() - before };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mibPerS = (bytes: number, ms: number) => bytes / 2 ** 20 / (ms / 1000);

async function main(): Promise<void> {
  const docker = labHost('docker', lab);
  await cli(['hosts', 'add', 'docker', '--address', docker.alias]);
  await run([process.execPath, BIN, '--config-dir', configDir, '--ssh-config', lab.ssh.config, 'uninstall', NAME, '--host', 'docker', '--purge', '--yes'], { HOME: configDir, SSH_AUTH_SOCK: '' });
  await onHost(`rm -rf /srv/${NAME}`);
  await cli(['install', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--yes']);
  // Written back to disk before the first run: otherwise the kernel writes these 1 GiB of dirty pages
  // back about 30 s later (dirty_expire_centisecs), in the middle of a run, and a backup, which syncs
  // its archive, waits on the same disk (a real data directory has long been on disk).
  await onHost(`head -c ${SIZE_MIB * 2 ** 20} /dev/urandom > ${DATA}/big.bin && sync`);
  const tars: number[] = [];
  const synced: number[] = [];
  const backups: number[] = [];
  const tarBusy: number[] = [];
  const backupBusy: number[] = [];
  let bytes = 0;
  let peak = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const file = join(out, 'baseline.tar');
    const baseline = await busyDuring(() => run(['sh', '-c', `ssh -F "$1" "$2" tar -C "$3" -cf - . | cat > "$4"`, 'sh', lab.ssh.config, docker.alias, DATA, file]));
    if (baseline.code !== 0) throw new Error(`ssh tar: ${baseline.stderr}`);
    tars.push(baseline.ms);
    tarBusy.push(baseline.busy);
    rmSync(file);
    const backup = await busyDuring(() => cli(['backup', NAME, '--host', 'docker', '--to', out, '--json'], join(out, 'rss')));
    backupBusy.push(backup.busy);
    const archive = (JSON.parse(backup.stdout) as { archive: string }).archive;
    bytes = statSync(archive).size;
    rmSync(archive);
    backups.push(backup.ms);
    peak = Math.max(peak, backup.peakMiB);
  }
  // For context, not the target: the same copy, on disk when it ends as a backup's archive is (`cat >
  // file` leaves it in the page cache; `sync FILE` is coreutils' fsync of it). Run after all the
  // backups, so that the disk blocks these copies free cannot speed a backup up.
  for (let i = 0; i < RUNS; i += 1) {
    const file = join(out, 'synced.tar');
    const durable = await run(['sh', '-c', `ssh -F "$1" "$2" tar -C "$3" -cf - . | cat > "$4" && sync "$4"`, 'sh', lab.ssh.config, docker.alias, DATA, file]);
    if (durable.code !== 0) throw new Error(`ssh tar, synced: ${durable.stderr}`);
    synced.push(durable.ms);
    rmSync(file);
  }
  const dry = await cli(['backup', NAME, '--host', 'docker', '--to', out, '--dry-run'], join(out, 'rss'));
  const [tarMs, backupMs] = [median(tars), median(backups)];
  const ratio = tarMs / backupMs;
  const growth = peak - dry.peakMiB;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`bench:backup  ${SIZE_MIB} MiB of random bytes on the lab's docker host, medians of ${RUNS} runs`);
  console.log(`  ssh tar -c | cat > file        ${(tarMs / 1000).toFixed(2)} s   ${mibPerS(bytes, tarMs).toFixed(0)} MiB/s`);
  console.log(`  homelab-tui backup             ${(backupMs / 1000).toFixed(2)} s   ${mibPerS(bytes, backupMs).toFixed(0)} MiB/s   (the whole CLI run: session, record, archive, sha256 of the file)`);
  const seconds = (xs: number[]) => xs.map((ms) => (ms / 1000).toFixed(2)).join(', ');
  console.log(`  each run: ssh tar ${seconds(tars)} s; backup ${seconds(backups)} s`);
  console.log(`  speed against ssh tar          ${ratio.toFixed(2)}x   (target >= 0.8x)  ${verdict(ratio >= 0.8)}`);
  const syncedMs = median(synced);
  console.log(`  for context: ssh tar -c | cat > file && sync file   ${(syncedMs / 1000).toFixed(2)} s (each run ${seconds(synced)} s); the backup against it ${(syncedMs / backupMs).toFixed(2)}x (the archive is synced too)`);
  const cores = availableParallelism();
  console.log(`  machine CPU busy (the lab's sshd and tar run here too): ssh tar ${median(tarBusy).toFixed(2)} s, backup ${median(backupBusy).toFixed(2)} s, of ${cores} cores x the wall time (${((median(tarBusy) / (cores * tarMs / 1000)) * 100).toFixed(0)}% and ${((median(backupBusy) / (cores * backupMs / 1000)) * 100).toFixed(0)}% of it)`);
  console.log(`  peak RSS: backup ${peak.toFixed(0)} MiB, --dry-run ${dry.peakMiB.toFixed(0)} MiB, growth ${growth.toFixed(0)} MiB   (target <= 64 MB)  ${verdict(growth * 1.048576 <= 64)}`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await run([process.execPath, BIN, '--config-dir', configDir, '--ssh-config', lab.ssh.config, 'uninstall', NAME, '--host', 'docker', '--purge', '--yes'], { HOME: configDir, SSH_AUTH_SOCK: '' });
    await sshRun('docker', `rm -rf /srv/${NAME}`);
    rmSync(configDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });
