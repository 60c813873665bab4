// Every lab host answers OpenSSH with strict host key checking; a wrong known_hosts is refused; the
// host behind the jump host is reachable only through it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labHost, loadLab, sshRun } from '../../support/lab.js';

const lab = loadLab();

describe('lab ssh', () => {
  it.each(lab.hosts.map((h) => h.name))('reaches %s with the lab key and strict host keys', async (name) => {
    const res = await sshRun(name, 'hostname; id -u');
    expect(res.stderr).toBe('');
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toBe(`${labHost(name).alias}\n0\n`);
  });

  it('refuses a host whose key is not the one in known_hosts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-known-hosts-'));
    const wrong = join(dir, 'known_hosts');
    const bare = labHost('bare');
    // A real key, but another host's: the bare host's address must not match it.
    writeFileSync(wrong, `${bare.alias},${bare.address} ${labHost('docker').hostKey}\n`);
    const res = await sshRun('bare', 'true', { knownHosts: wrong });
    expect(res.exitCode).toBe(255);
    expect(res.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
  });

  it('refuses a host that is missing from known_hosts', async () => {
    const empty = join(mkdtempSync(join(tmpdir(), 'lab-known-hosts-')), 'known_hosts');
    writeFileSync(empty, '');
    const res = await sshRun('bare', 'true', { knownHosts: empty });
    expect(res.exitCode).toBe(255);
    expect(res.stderr).toContain('Host key verification failed');
  });

  it('reaches the host behind the jump host only through it', async () => {
    const behind = labHost('behind');
    expect(behind.proxyJump).toBe('jump');
    const via = await sshRun('behind', 'hostname');
    expect(via.exitCode).toBe(0);
    expect(via.stdout.trim()).toBe(behind.alias);
    // Directly (no ProxyJump), the address is unreachable from here.
    let direct = '';
    try {
      execFileSync('ssh', ['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=3', '-o', `UserKnownHostsFile=${lab.ssh.knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-i', lab.ssh.privateKey, `root@${behind.address}`, 'true'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      direct = String((err as { stderr?: string }).stderr);
    }
    expect(direct).toMatch(/Network is unreachable|No route to host|timed out/);
  });

  it('gives each host its own environment through sshd SetEnv', async () => {
    const docker = await sshRun('docker', 'echo "$DOCKER_HOST"; command -v docker');
    expect(docker.stdout).toBe(`${labHost('docker').env.DOCKER_HOST}\n${join(lab.stateDir, 'hosts', 'docker', 'bin', 'docker')}\n`);
    const pve = await sshRun('pve', 'command -v pct pvesh');
    expect(pve.stdout.split('\n').filter(Boolean)).toHaveLength(2);
  });
});
