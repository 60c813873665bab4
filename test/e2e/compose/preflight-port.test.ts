// A port already taken on the host: preflight refuses it, naming the port and the process that
// listens there, and install creates nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sshRun } from '../../support/lab.js';
import { cli, existsOnHost, labConfigDir } from './compose-lab.js';

const PORT = 18095;
let configDir = '';
let listener = '';

beforeAll(async () => {
  configDir = await labConfigDir();
  // A listener we start ourselves and stop by its PID.
  const started = await sshRun('docker', `busybox nc -ll -p ${PORT} -e /bin/cat </dev/null >/dev/null 2>&1 & echo $!`);
  listener = started.stdout.trim();
  expect(listener).toMatch(/^\d+$/);
  await eventually('the listener', async () => (await sshRun('docker', `ss -ltnH 'sport = :${PORT}'`)).stdout.includes(String(PORT)));
});

afterAll(async () => {
  if (listener) await sshRun('docker', ['kill', listener]);
});

describe('preflight on a taken port', () => {
  it('plan shows the port and the process that holds it, and exits 1', async () => {
    const run = await cli(configDir, ['plan', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', 'porttaken', '--set', `port=${PORT}`, '--json']);
    expect(run.code).toBe(1);
    const { preflight, blocked } = JSON.parse(run.stdout) as { preflight: { status: string; label: string; detail?: string; hint?: string }[]; blocked: boolean };
    expect(blocked).toBe(true);
    const port = preflight.find((i) => i.label.startsWith(`port ${PORT}/tcp`));
    expect(port).toMatchObject({ status: 'fail', label: `port ${PORT}/tcp is in use on docker`, detail: `busybox (pid ${listener}) listens on *:${PORT}` });
    expect(port?.hint).toContain(`--set port=${PORT + 1}`);
  });

  it('install --yes refuses before creating anything', async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', 'porttaken', '--set', `port=${PORT}`, '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`✗ port ${PORT}/tcp is in use on docker`);
    expect(run.stderr).toContain(`error: preflight failed on docker:\n  ✗ port ${PORT}/tcp is in use on docker: busybox (pid ${listener}) listens on *:${PORT}`);
    expect(await existsOnHost('docker', '/opt/homelab-tui/porttaken')).toBe(false);
    expect(await existsOnHost('docker', '/var/lib/homelab-tui/locks/porttaken.lock')).toBe(false);
  });
});
