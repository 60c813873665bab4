// `homelab-tui hosts check --json` on every lab host (the CLI from source, the lab's ssh config): each
// host reports the tools it really has, the roles the lab gave it, and a dead host fails alone.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCheck } from '../../../src/services/hosts/check-hosts.js';
import { labFaults, labHostsWithRole, sshRun, type LabHost } from '../../support/lab.js';
import { lab, tempDir } from './ssh-lab.js';

const CLI = resolve('src/cli/main.ts');
const TOOLS = ['docker', 'docker-compose', 'podman', 'podman-compose', 'pct', 'pvesh', 'k3s', 'kubectl'] as const;
let configDir = '';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const env = { ...process.env, HOME: configDir, SSH_AUTH_SOCK: '' };
    execFile('node', ['--import', 'tsx', CLI, '--config-dir', configDir, '--ssh-config', lab.ssh.config, ...args], { env, timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Ground truth through OpenSSH, independent of our probe: which of TOOLS are on the host's PATH. */
async function toolsOnPath(host: LabHost): Promise<string[]> {
  const res = await sshRun(host.name, `for t in ${TOOLS.join(' ')}; do command -v "$t" >/dev/null && echo "$t"; done; true`);
  return res.stdout.split('\n').filter(Boolean).sort();
}

function detectedTools(check: HostCheck): string[] {
  return Object.keys(check.facts?.tools ?? {}).sort();
}

beforeAll(async () => {
  configDir = tempDir('check');
  writeFileSync(join(configDir, 'settings.yaml'), 'connectTimeoutSeconds: 4\n');
  for (const host of lab.hosts) {
    const added = await cli(['hosts', 'add', host.name, '--address', host.alias]);
    expect(added.code, added.stderr).toBe(0);
  }
});

afterAll(async () => {
  await labFaults.linkUp('fleet-01').catch(() => undefined);
});

describe('hosts check on the lab', () => {
  it('reports every lab host reachable, with the tools it really has and the roles the lab gave it', async () => {
    const res = await cli(['hosts', 'check', '--json', ...lab.hosts.map((h) => h.name)]);
    expect(res.code, res.stderr).toBe(0);
    const checks = JSON.parse(res.stdout) as HostCheck[];
    expect(checks.map((c) => c.host)).toEqual(lab.hosts.map((h) => h.name));
    for (const host of lab.hosts) {
      const check = checks.find((c) => c.host === host.name) as HostCheck;
      expect(check, host.name).toMatchObject({ ok: true, reachable: true, hostKey: 'known', auth: 'ok' });
      expect(check.facts?.os.id).toBe('debian');
      expect(check.facts?.user.isRoot).toBe(true);
      expect(check.facts?.cores).toBeGreaterThan(0);
      expect(detectedTools(check), host.name).toEqual(await toolsOnPath(host));
      // What the manifest says a host offers is found there.
      for (const tool of host.tools.filter((t) => (TOOLS as readonly string[]).includes(t))) expect(detectedTools(check), host.name).toContain(tool);
      // Only the Docker host has a daemon that answers; only the pve host is a Proxmox node.
      expect(check.facts?.tools.docker?.serverVersion !== undefined, host.name).toBe(host.roles.includes('docker'));
      expect(check.facts?.proxmoxVersion !== undefined, host.name).toBe(host.roles.includes('pve'));
    }
    const docker = checks.find((c) => c.host === 'docker');
    expect(docker?.facts?.compose[0]).toMatchObject({ flavour: 'docker-compose', argv: ['docker-compose'] });
    expect(docker?.facts?.compose[0]?.version).toMatch(/^1\.29\./);
    const podman = checks.find((c) => c.host === 'podman');
    expect(podman?.facts?.compose.find((c) => c.flavour === 'podman-compose')?.version).toMatch(/^1\.0\./);
    expect(checks.find((c) => c.host === 'pve')?.facts?.proxmoxVersion?.split('.')[0]).toBe(lab.pve.version);
  });

  it('exits 1 when a host is dead, reports it unreachable with a hint, and checks the others anyway', async () => {
    const fleet = labHostsWithRole('fleet').slice(0, 3).map((h) => h.name);
    if (fleet.length === 0) throw new Error('this test needs fleet hosts: LAB_EXTRA_HOSTS=3 or more');
    await labFaults.linkDown(fleet[0] as string);
    try {
      const res = await cli(['hosts', 'check', '--json', ...fleet]);
      expect(res.code).toBe(1);
      const checks = JSON.parse(res.stdout) as HostCheck[];
      expect(checks[0]).toMatchObject({ host: fleet[0], ok: false, reachable: false });
      expect(checks[0]?.error?.hint).toContain('check that the host is up');
      expect(checks.slice(1).every((c) => c.ok)).toBe(true);
      // Not a hang: the dead host gave up within its connect timeout (4 s).
      expect(checks[0]?.durationMs).toBeLessThan(6_000);
    } finally {
      await labFaults.linkUp(fleet[0] as string);
    }
  });
});

describe("settings.yaml's sshConfig", () => {
  it('reaches a lab host by its ssh alias with no --ssh-config flag; without the setting the alias does not resolve', async () => {
    const run = (dir: string, args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
        execFile('node', ['--import', 'tsx', CLI, '--config-dir', dir, ...args], { env: { ...process.env, HOME: dir, SSH_AUTH_SOCK: '' }, timeout: 120_000 }, (error, stdout, stderr) =>
          done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const host = lab.hosts.find((h) => h.name === 'docker') as LabHost;
    const withSetting = tempDir('sshconfig-setting');
    writeFileSync(join(withSetting, 'settings.yaml'), `connectTimeoutSeconds: 4\nsshConfig: ${JSON.stringify(lab.ssh.config)}\n`);
    const without = tempDir('sshconfig-none');
    writeFileSync(join(without, 'settings.yaml'), 'connectTimeoutSeconds: 4\n');
    for (const dir of [withSetting, without]) expect((await run(dir, ['hosts', 'add', 'docker', '--address', host.alias])).code).toBe(0);

    const reached = await run(withSetting, ['hosts', 'check', '--json', 'docker']);
    expect(reached.code, reached.stderr).toBe(0);
    expect((JSON.parse(reached.stdout) as HostCheck[])[0]).toMatchObject({ host: 'docker', ok: true, reachable: true, auth: 'ok' });

    const lost = await run(without, ['hosts', 'check', '--json', 'docker']);
    expect(lost.code).toBe(1);
    expect((JSON.parse(lost.stdout) as HostCheck[])[0]).toMatchObject({ host: 'docker', ok: false });
  });
});
