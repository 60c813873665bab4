// `homelab-tui status --host k3s --json` (the built CLI, a fresh process each run) with 50 k3s
// deployments of the lab app on the lab's k3s host. Target: at most 2 s.
//
// What is real and what is simulated: the CLI, SSH, the deployment records on the host and the 50
// pods (real Podman containers answering HTTP) are real; the Kubernetes API is the lab's kubectl
// SIMULATOR (test/lab/sim/kubectl.mjs: a node process per kubectl call, objects in files, pod state
// from Podman), which stands in for k3s's API server. One deployment is installed by the CLI; the other
// 49 are its objects and record copied under new names (an install each would take minutes).
// Needs the lab up (`npm run lab:up`, same LAB_PREFIX/LAB_NET) and a build (`node scripts/build.mjs`).
// BENCH_RUNS (default 5) runs; BENCH_KEEP=1 leaves the 50 deployments for the next run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labCli } from '../test/support/lab-cli.js';
import { labHost, loadLab, sshRun } from '../test/support/lab.js';

const COUNT = 50;
const TARGET_MS = 2000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PREFIX = 'bench-k3s-';
const name = (i: number) => `${PREFIX}${String(i).padStart(2, '0')}`;
const RECORDS = '/var/lib/homelab-tui/deployments';

async function on(line: string, input?: string): Promise<string> {
  const res = await sshRun('k3s', line, { timeoutMs: 600_000, ...(input !== undefined ? { input } : {}) });
  if (res.exitCode !== 0) throw new Error(`k3s: ${line.slice(0, 200)}: ${res.stderr.slice(-800)}`);
  return res.stdout;
}

/** An object read back, without what the server sets (so it can be applied under another name). */
function applicable(o: Record<string, unknown>): Record<string, unknown> {
  const { status: _s, ...rest } = o;
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, generation: _g, managedFields: _m, annotations: _a, ...meta } = o.metadata as Record<string, unknown>;
  return { ...rest, metadata: meta };
}

async function setUp(configDir: string): Promise<void> {
  const first = name(1);
  const have = (await on(`ls ${RECORDS} 2>/dev/null | grep -c '^${PREFIX}' || true`)).trim();
  if (Number(have) >= COUNT) return void console.log(`the ${COUNT} bench deployments are there (BENCH_KEEP=1 of an earlier run)`);
  await tearDown();
  const t0 = performance.now();
  const install = await labCli(configDir, ['install', 'labapp', '--host', 'k3s', '--provider', 'k3s', '--name', first, '--set', 'version=1', '--yes']);
  if (install.code !== 0) throw new Error(`install ${first}: ${install.stderr.slice(-800)}`);
  const objects = (JSON.parse(await on(`kubectl get persistentvolumeclaims,deployments,services -n ${first} -o json`)) as { items: Record<string, unknown>[] }).items.map(applicable);
  const record = await on(`cat ${RECORDS}/${first}.json`);
  const items: unknown[] = [];
  const records: string[] = [];
  for (let i = 2; i <= COUNT; i++) {
    const n = name(i);
    items.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, labels: { 'app.kubernetes.io/managed-by': 'homelab-tui', 'app.kubernetes.io/instance': n } } });
    for (const o of objects) items.push(JSON.parse(JSON.stringify(o).replaceAll(first, n)));
    records.push(`cat > ${RECORDS}/${n}.json <<'HL_RECORD'\n${record.replaceAll(first, n).trimEnd()}\nHL_RECORD`);
  }
  await on('kubectl apply --server-side --field-manager=homelab-tui -f -', JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  await on('sh -s', `set -e\numask 077\n${records.join('\n')}\n`);
  console.log(`set up ${COUNT} deployments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function tearDown(): Promise<void> {
  const names = Array.from({ length: COUNT }, (_, i) => name(i + 1));
  await on(`kubectl delete namespace ${names.join(' ')} --ignore-not-found >/dev/null; rm -f ${names.map((n) => `${RECORDS}/${n}.json`).join(' ')}`);
}

function runStatus(configDir: string): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  const start = performance.now();
  return labCli(configDir, ['status', '--host', 'k3s', '--json']).then((r) => ({ ms: performance.now() - start, ...r }));
}

loadLab();
labHost('k3s');
const configDir = mkdtempSync(join(tmpdir(), 'hl-bench-k3s-'));
writeFileSync(join(configDir, 'settings.yaml'), 'k3s:\n  rolloutTimeoutSeconds: 120\n');
try {
  const added = await labCli(configDir, ['hosts', 'add', 'k3s', '--address', labHost('k3s').alias]);
  if (added.code !== 0) throw new Error(added.stderr);
  await setUp(configDir);
  // Wait until the simulator reports every pod ready (the first status after set-up would count the start-up).
  for (let i = 0; ; i++) {
    const run = await runStatus(configDir);
    const rows = (JSON.parse(run.stdout) as { deployments: { name: string; health: string }[] }).deployments.filter((d) => d.name.startsWith(PREFIX));
    if (rows.length === COUNT && rows.every((r) => r.health === 'healthy')) break;
    if (i > 60) throw new Error(`not all ${COUNT} healthy after a minute: ${rows.filter((r) => r.health !== 'healthy').map((r) => `${r.name} ${r.health}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await runStatus(configDir);
    const rows = (JSON.parse(run.stdout) as { deployments: { name: string; health: string; probe?: { ok: boolean } }[] }).deployments.filter((d) => d.name.startsWith(PREFIX));
    const healthy = rows.filter((r) => r.health === 'healthy').length;
    if (rows.length !== COUNT) throw new Error(`status listed ${rows.length} of the ${COUNT} deployments`);
    times.push(run.ms);
    console.log(`run ${i + 1}: ${run.ms.toFixed(0)} ms, exit ${run.code}, ${healthy}/${COUNT} healthy, ${rows.filter((r) => r.probe?.ok).length} app probes ok`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const worst = sorted.at(-1) ?? 0;
  console.log(`\nstatus of ${COUNT} k3s workloads on one host: median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms   (target ≤ ${TARGET_MS} ms)  ${worst <= TARGET_MS ? 'met' : 'NOT met'}`);
  console.log('simulated: the Kubernetes API (the lab\'s kubectl SIMULATOR, one node process per kubectl call); real: the CLI, SSH, the records on the host, the 50 pods (Podman containers) and their HTTP answers');
} finally {
  if (process.env.BENCH_KEEP !== '1') await tearDown();
  rmSync(configDir, { recursive: true, force: true });
}
