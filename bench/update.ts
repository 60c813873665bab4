// bench:update (issue 14) on the lab, through the built CLI (npm run build; npm run lab:up):
//  1. rollback time: labapp 1 -> bad fails its health gate; the seconds from the gate's failure (the
//     CLI's `failed` progress event) to the old version answering again (version 1, /health ok, polled
//     every 100 ms from this machine). Targets: at most 30 s on compose (Docker), 60 s on Proxmox LXC.
//  2. downtime: the longest time labapp did not answer /health during a successful 1 -> 2 update on
//     compose (reported; the in-place update stops the old version before the new one starts).
//  3. blue-green downtime: the same, asked through the managed Caddy (tls: internal) during a 1 -> 2 of
//     a recipe that declares blueGreen (test/e2e/compose/bluegreen-catalog/labbg.yaml). Target: at most 5 s.
//  4. the same on Proxmox LXC, through the managed Caddy on the node (test/e2e/lxc/bluegreen-catalog/labbg.yaml):
//     the copy is a second container beside the deployment's. Target: at most 5 s.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labCli } from '../test/support/lab-cli.js';
import { labHost, loadLab, sshRun } from '../test/support/lab.js';
import { guestAddress, removeTestDeployments } from '../test/support/lxc-lab.js';
import { getViaCaddy } from '../test/support/via-caddy.js';

const BIN = fileURLToPath(new URL('../bin/homelab-tui.js', import.meta.url));
const TARGETS = { composeRollbackS: 30, lxcRollbackS: 60, blueGreenS: 5 };
const BLUE_GREEN_CATALOG = fileURLToPath(new URL('../test/e2e/compose/bluegreen-catalog', import.meta.url));
const LXC_BLUE_GREEN_CATALOG = fileURLToPath(new URL('../test/e2e/lxc/bluegreen-catalog', import.meta.url));
const CADDY_DIR = '/var/lib/homelab-tui/proxy/caddy';

async function get(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(500) });
    return res.status === 200 ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the CLI with --json progress on stderr; `onEvent` sees each event as it comes. */
function runCli(dir: string, args: string[], onEvent: (event: { type: string }) => void, env: Record<string, string> = {}): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, '--config-dir', dir, '--ssh-config', loadLab().ssh.config, ...args], { env: { ...process.env, HOME: dir, SSH_AUTH_SOCK: '', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      try {
        onEvent(JSON.parse(line) as { type: string });
      } catch {
        // not an event line
      }
    }
  });
  child.stdout?.resume();
  return new Promise((resolve) => child.on('close', resolve));
}

async function must(dir: string, ...args: string[]): Promise<void> {
  const run = await labCli(dir, args);
  if (run.code !== 0) throw new Error(`${args.join(' ')}: exit ${run.code}\n${run.stderr}`);
}

/** Seconds from the failed gate of 1 -> bad to version 1 healthy again, seen from this machine. */
async function rollbackSeconds(dir: string, name: string, base: string): Promise<{ seconds: number; commandSeconds: number }> {
  let failedAt = 0;
  let healthyAt = 0;
  let running = true;
  const poll = (async () => {
    while (running || (failedAt > 0 && healthyAt === 0)) {
      const now = performance.now();
      if (failedAt > 0 && healthyAt === 0 && (await get(`${base}/version`)) === '1' && (await get(`${base}/health`)) === 'ok') healthyAt = performance.now();
      if (!running && now - failedAt > 120_000) break;
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - now))));
    }
  })();
  const start = performance.now();
  const code = await runCli(dir, ['update', name, '--to', 'bad', '--yes', '--json'], (e) => {
    if (e.type === 'failed' && failedAt === 0) failedAt = performance.now();
  });
  const commandSeconds = (performance.now() - start) / 1000;
  running = false;
  await poll;
  if (code !== 1 || failedAt === 0 || healthyAt === 0) throw new Error(`update ${name} --to bad: exit ${code}, gate failed: ${failedAt > 0}, healthy again: ${healthyAt > 0}`);
  return { seconds: (healthyAt - failedAt) / 1000, commandSeconds };
}

/** The longest gap between answers of /health during 1 -> 2 (polled every 100 ms), asked with `health`. */
async function downtimeSeconds(dir: string, name: string, health: () => Promise<string | undefined>, env: Record<string, string> = {}): Promise<{ seconds: number; commandSeconds: number }> {
  let lastOk = performance.now();
  let longest = 0;
  let running = true;
  const poll = (async () => {
    while (running) {
      const now = performance.now();
      if ((await health()) === 'ok') {
        longest = Math.max(longest, performance.now() - lastOk);
        lastOk = performance.now();
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - now))));
    }
  })();
  const start = performance.now();
  const code = await runCli(dir, ['update', name, '--to', '2', '--yes', '--json'], () => undefined, env);
  const commandSeconds = (performance.now() - start) / 1000;
  // The command returns once its gate saw 2 healthy; a last poll closes the gap.
  while ((await health()) !== 'ok') await new Promise((r) => setTimeout(r, 100));
  longest = Math.max(longest, performance.now() - lastOk);
  running = false;
  await poll;
  if (code !== 0) throw new Error(`update ${name} to 2: exit ${code}`);
  return { seconds: longest / 1000, commandSeconds };
}

const fixed = (n: number) => Number(n.toFixed(1));

/** Figure 4: labbg in a Proxmox container behind Caddy on the node, 1 -> 2 blue-green. */
async function lxcBlueGreenDowntime(lab: ReturnType<typeof loadLab>, bgl: { name: string; domain: string; address: string; dir: string }, env: Record<string, string>): Promise<{ seconds: number; commandSeconds: number }> {
  await must(bgl.dir, 'hosts', 'add', 'pve', '--address', labHost('pve').alias);
  await removeTestDeployments(lab, bgl.name);
  const sets = ['--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${bgl.address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`, '--set', 'lxc_memory=64M', '--set', `domain=${bgl.domain}`, '--set', 'version=1'];
  const installed = await labCli(bgl.dir, ['install', 'labbg', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', bgl.name, ...sets, '--yes'], env);
  if (installed.code !== 0) throw new Error(`install labbg on pve: exit ${installed.code}\n${installed.stderr}`);
  const ca = (await sshRun('pve', `cat ${CADDY_DIR}/data/pki/authorities/local/root.crt`)).stdout;
  const viaCaddy = () => getViaCaddy({ address: labHost('pve').address, domain: bgl.domain, ca }, '/health', 500);
  for (let end = performance.now() + 20_000; performance.now() < end && (await viaCaddy()) !== 'ok'; ) await new Promise((r) => setTimeout(r, 200));
  return downtimeSeconds(bgl.dir, bgl.name, viaCaddy, env);
}

async function main(): Promise<void> {
  const lab = loadLab();
  const dir = mkdtempSync(join(tmpdir(), 'hl-bench-update-'));
  writeFileSync(join(dir, 'settings.yaml'), 'compose:\n  healthTimeoutSeconds: 10\nproxmoxLxc:\n  healthTimeoutSeconds: 10\n');
  const compose = { name: 'bench-upd', port: 8394 };
  const lxc = { name: 'bench-upd-lxc', address: guestAddress(lab, 96) };
  const bg = { name: 'bench-upd-bg', port: 8395, domain: 'bench-bg.lab.test', dir: mkdtempSync(join(tmpdir(), 'hl-bench-bg-')) };
  const bgEnv = { HOMELAB_TUI_CATALOG_DIR: BLUE_GREEN_CATALOG };
  writeFileSync(join(bg.dir, 'settings.yaml'), 'compose:\n  healthTimeoutSeconds: 10\n  proxy:\n    kind: caddy\n    caddy:\n      tls: internal\n');
  const bgl = { name: 'bench-upd-bglxc', domain: 'bench-bglxc.lab.test', address: guestAddress(lab, 112), dir: mkdtempSync(join(tmpdir(), 'hl-bench-bglxc-')) };
  const bglEnv = { HOMELAB_TUI_CATALOG_DIR: LXC_BLUE_GREEN_CATALOG };
  writeFileSync(join(bgl.dir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 10\n  proxy:\n    kind: caddy\n    caddy:\n      tls: internal\n');
  try {
    await must(dir, 'hosts', 'add', 'docker', '--address', labHost('docker').alias);
    await must(dir, 'hosts', 'add', 'pve', '--address', labHost('pve').alias);
    await sshRun('docker', `rm -rf /srv/${compose.name} /var/lib/homelab-tui/backups/${compose.name}`);
    await removeTestDeployments(lab, lxc.name);
    await must(dir, 'install', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', compose.name, '--set', `port=${compose.port}`, '--set', `data_dir=/srv/${compose.name}/data`, '--set', 'version=1', '--yes');
    await must(dir, 'install', 'labapp', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', lxc.name, '--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${lxc.address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`, '--set', 'version=1', '--yes');
    const composeBase = `http://${labHost('docker').address}:${compose.port}`;
    const composeRollback = await rollbackSeconds(dir, compose.name, composeBase);
    const lxcRollback = await rollbackSeconds(dir, lxc.name, `http://${lxc.address}:8080`);
    const down = await downtimeSeconds(dir, compose.name, () => get(`${composeBase}/health`));
    await must(bg.dir, 'hosts', 'add', 'docker', '--address', labHost('docker').alias);
    await sshRun('docker', `rm -rf /srv/${bg.name} /var/lib/homelab-tui/backups/${bg.name}`);
    const installed = await labCli(bg.dir, ['install', 'labbg', '--host', 'docker', '--provider', 'compose', '--name', bg.name, '--set', `port=${bg.port}`, '--set', `domain=${bg.domain}`, '--set', 'version=1', '--yes'], bgEnv);
    if (installed.code !== 0) throw new Error(`install labbg: exit ${installed.code}\n${installed.stderr}`);
    const ca = (await sshRun('docker', `cat ${CADDY_DIR}/data/pki/authorities/local/root.crt`)).stdout;
    const viaCaddy = () => getViaCaddy({ address: labHost('docker').address, domain: bg.domain, ca }, '/health', 500);
    for (let end = performance.now() + 20_000; performance.now() < end && (await viaCaddy()) !== 'ok'; ) await new Promise((r) => setTimeout(r, 200));
    const blueGreen = await downtimeSeconds(bg.dir, bg.name, viaCaddy, bgEnv);
    const lxcBlueGreen = await lxcBlueGreenDowntime(lab, bgl, bglEnv);
    const figures = {
      composeRollbackSeconds: fixed(composeRollback.seconds),
      composeRollbackTargetSeconds: TARGETS.composeRollbackS,
      lxcRollbackSeconds: fixed(lxcRollback.seconds),
      lxcRollbackTargetSeconds: TARGETS.lxcRollbackS,
      composeUpdateUnansweredSeconds: fixed(down.seconds),
      blueGreenUnansweredSeconds: fixed(blueGreen.seconds),
      blueGreenTargetSeconds: TARGETS.blueGreenS,
      lxcBlueGreenUnansweredSeconds: fixed(lxcBlueGreen.seconds),
      commandSeconds: { composeRollback: fixed(composeRollback.commandSeconds), lxcRollback: fixed(lxcRollback.commandSeconds), composeUpdate: fixed(down.commandSeconds), blueGreenUpdate: fixed(blueGreen.commandSeconds), lxcBlueGreenUpdate: fixed(lxcBlueGreen.commandSeconds) },
    };
    console.log(JSON.stringify(figures));
    console.log(`compose (Docker): failed gate -> 1 healthy again in ${figures.composeRollbackSeconds} s (target: at most ${TARGETS.composeRollbackS} s) ${figures.composeRollbackSeconds <= TARGETS.composeRollbackS ? 'OK' : 'OVER'}`);
    console.log(`Proxmox LXC:      failed gate -> 1 healthy again in ${figures.lxcRollbackSeconds} s (target: at most ${TARGETS.lxcRollbackS} s) ${figures.lxcRollbackSeconds <= TARGETS.lxcRollbackS ? 'OK' : 'OVER'}`);
    console.log(`compose 1 -> 2:   labapp did not answer for ${figures.composeUpdateUnansweredSeconds} s (reported; in place, no blue-green; the update took ${figures.commandSeconds.composeUpdate} s)`);
    console.log(`blue-green 1 -> 2 through Caddy: the longest gap between answers was ${figures.blueGreenUnansweredSeconds} s (asked every 100 ms; target: at most ${TARGETS.blueGreenS} s) ${figures.blueGreenUnansweredSeconds <= TARGETS.blueGreenS ? 'OK' : 'OVER'}; the update took ${figures.commandSeconds.blueGreenUpdate} s`);
    console.log(`LXC blue-green 1 -> 2 through Caddy: the longest gap between answers was ${figures.lxcBlueGreenUnansweredSeconds} s (asked every 100 ms; target: at most ${TARGETS.blueGreenS} s) ${figures.lxcBlueGreenUnansweredSeconds <= TARGETS.blueGreenS ? 'OK' : 'OVER'}; the update took ${figures.commandSeconds.lxcBlueGreenUpdate} s`);
  } finally {
    await removeTestDeployments(lab, bgl.name);
    await sshRun('pve', `caddy stop >/dev/null 2>&1 || true; rm -rf ${CADDY_DIR} /var/lib/homelab-tui/backups/${bgl.name} /var/lib/homelab-tui/history/${bgl.name} /var/lib/homelab-tui/updates/${bgl.name}.*`);
    rmSync(bgl.dir, { recursive: true, force: true });
    await labCli(bg.dir, ['uninstall', bg.name, '--yes', '--purge'], bgEnv);
    await sshRun('docker', `caddy stop >/dev/null 2>&1 || true; rm -rf ${CADDY_DIR} /srv/${bg.name} /var/lib/homelab-tui/backups/${bg.name} /var/lib/homelab-tui/history/${bg.name}`);
    rmSync(bg.dir, { recursive: true, force: true });
    await labCli(dir, ['uninstall', compose.name, '--yes']);
    await labCli(dir, ['uninstall', lxc.name, '--yes', '--purge']);
    await removeTestDeployments(lab, lxc.name);
    await sshRun('docker', `rm -rf /srv/${compose.name} /var/lib/homelab-tui/backups/${compose.name} /var/lib/homelab-tui/history/${compose.name}`);
    await sshRun('pve', `rm -rf /var/lib/homelab-tui/backups/${lxc.name} /var/lib/homelab-tui/history/${lxc.name}`);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
