import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostFactsSchema } from '../../../../src/platform/hosts/host-facts.js';
import { DEBVER_FUNCTION, knownVersions, parseProbeOutput, PROBE_ARGV, PROBE_SCRIPT } from '../../../../src/platform/hosts/host-probe.js';
import { LocalRunner } from '../../../../src/platform/runner/local-runner.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/host-probe/${name}.txt`, import.meta.url), 'utf8');

describe('PROBE_SCRIPT', () => {
  it('is one constant script run by sh -c, with nothing interpolated', () => {
    expect(PROBE_ARGV).toEqual(['sh', '-c', PROBE_SCRIPT]);
    expect(PROBE_SCRIPT).not.toContain('${');
    expect(PROBE_SCRIPT.trim().endsWith('exit 0')).toBe(true);
  });
});

describe('parseProbeOutput', () => {
  it('reads a Debian host with docker CLI (no daemon), compose v1, podman and podman-compose', () => {
    const facts = parseProbeOutput(fixture('debian12-root-compose-v1-podman'));
    expect(hostFactsSchema.parse(facts)).toEqual(facts);
    expect(facts.os).toEqual({ id: 'debian', version: '12', name: 'Debian GNU/Linux 12 (bookworm)' });
    expect(facts.arch).toBe('x86_64');
    expect(facts.cores).toBe(2);
    expect(facts.user).toEqual({ name: 'root', uid: 0, isRoot: true });
    expect(facts.tools.docker?.version).toBe('28.2.2');
    expect(facts.tools['docker-compose']).toMatchObject({ path: '/usr/bin/docker-compose', version: '1.29.2' });
    expect(facts.tools.podman?.stamp).toMatch(/^\d+\.\d+$/);
    expect(facts.tools.docker?.serverVersion).toBeUndefined();
    expect(facts.tools.podman?.version).toBe('4.3.1');
    expect(facts.compose.map((c) => [c.flavour, c.version, c.argv.join(' ')])).toEqual([
      ['docker-compose', '1.29.2', 'docker-compose'],
      ['podman-compose', '1.0.3', 'podman-compose'],
    ]);
    expect(facts.memory?.totalBytes).toBeGreaterThan(facts.memory?.availableBytes ?? Infinity);
    expect(facts.disk?.availableBytes).toBeGreaterThan(0);
  });

  it('reads the lab Docker host: a daemon that answers, compose v1', () => {
    const facts = parseProbeOutput(fixture('lab-docker'));
    expect(facts.tools.docker).toMatchObject({ version: '20.10.24+dfsg1', serverVersion: '20.10.24+dfsg1' });
    expect(facts.compose[0]).toEqual({ flavour: 'docker-compose', engine: 'docker', version: '1.29.2', argv: ['docker-compose'] });
    expect(facts.proxmoxVersion).toBeUndefined();
  });

  it('reads the lab Proxmox-like host: pct and pvesh (simulators) and the PVE version, no Docker daemon', () => {
    const facts = parseProbeOutput(fixture('lab-pve'));
    expect(facts.tools.pct?.path).toMatch(/\/pct$/);
    expect(facts.tools.pvesh).toMatchObject({ version: '9.1.3' });
    expect(facts.proxmoxVersion).toBe('9.1.3');
    expect(facts.tools.docker?.serverVersion).toBeUndefined();
  });

  it('reads the lab Podman and bare hosts: podman-compose, and no daemon or Proxmox on bare', () => {
    const podman = parseProbeOutput(fixture('lab-podman'));
    expect(podman.tools.podman?.version).toBe('4.3.1');
    expect(podman.compose.map((c) => c.flavour)).toContain('podman-compose');
    const bare = parseProbeOutput(fixture('lab-bare'));
    expect(bare.tools.docker?.serverVersion).toBeUndefined();
    expect(bare.tools.pct).toBeUndefined();
    expect(bare.proxmoxVersion).toBeUndefined();
  });

  it('orders compose flavours by preference and needs a version from plugins', () => {
    const facts = parseProbeOutput(
      ['path.podman=/usr/bin/podman', 'compose.podman-plugin=', 'compose.plugin=v2.29.1', 'path.docker=/usr/bin/docker', 'path.podman-compose=/usr/bin/podman-compose', 'version.podman-compose='].join('\n'),
    );
    expect(facts.compose).toEqual([
      { flavour: 'docker compose', engine: 'docker', version: '2.29.1', argv: ['docker', 'compose'] },
      { flavour: 'podman-compose', engine: 'podman', version: 'unknown', argv: ['podman-compose'] },
    ]);
  });

  it('reports a non-root user and whether sudo works without a password', () => {
    expect(parseProbeOutput('user=alice\nuid=1000\nsudo=no\n').user).toEqual({ name: 'alice', uid: 1000, isRoot: false, passwordlessSudo: false });
    expect(parseProbeOutput('user=bob\nuid=1001\nsudo=yes\n').user.passwordlessSudo).toBe(true);
  });

  it('leaves out what it could not read instead of guessing', () => {
    const facts = parseProbeOutput('os.id=alpine\ncores=\nmem.kb=garbage\npath.kubectl=/bin/kubectl\nversion.kubectl=\n');
    expect(facts.cores).toBeUndefined();
    expect(facts.memory).toBeUndefined();
    expect(facts.tools).toEqual({ kubectl: { path: '/bin/kubectl' } });
    expect(facts.user.uid).toBe(-1);
  });
});

describe('version reuse (run on this machine with a real sh)', () => {
  const local = new LocalRunner();

  it('reuses a version while the program file is unchanged and asks again once it changed', async () => {
    const first = parseProbeOutput((await local.run({ argv: PROBE_ARGV })).stdout);
    const [name, tool] = Object.entries(first.tools).find(([, t]) => t?.stamp && t.version) ?? [];
    if (!name || !tool?.stamp) throw new Error('this machine needs one of the probed tools with a version (docker, podman, kubectl…)');
    // A version only the cache can know proves the program was not asked again.
    const marked = { ...first, tools: { ...first.tools, [name]: { ...tool, version: '99.0.0-from-cache' } } };
    const reused = parseProbeOutput((await local.run({ argv: PROBE_ARGV, stdin: knownVersions(marked) })).stdout);
    expect(reused.tools[name as keyof typeof reused.tools]?.version).toBe('99.0.0-from-cache');
    const changed = { ...first, tools: { ...first.tools, [name]: { ...tool, stamp: '1.1', version: '99.0.0-from-cache' } } };
    const asked = parseProbeOutput((await local.run({ argv: PROBE_ARGV, stdin: knownVersions(changed) })).stdout);
    expect(asked.tools[name as keyof typeof asked.tools]?.version).toBe(tool.version);
  });

  it('sends only tools with a stamp and a one-word version', () => {
    const facts = parseProbeOutput('path.k3s=/usr/local/bin/k3s\nstamp.k3s=1.2\nversion.k3s=v1.30.1+k3s1\npath.pct=/usr/sbin/pct\nstamp.pct=3.4\n');
    expect(knownVersions(facts)).toBe('k3s 1.2 v1.30.1+k3s1\n');
    expect(knownVersions(undefined)).toBe('');
  });
});

describe('podman compose (real sh, a stand-in podman on PATH)', () => {
  // A PATH with only the basic utilities the probe uses and the stand-in podman: this machine's own
  // docker-compose and podman-compose must not be found.
  function fakePodman(version: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'hl-podman-'));
    for (const tool of ['sh', 'cat', 'tr', 'stat', 'awk', 'sed', 'uname', 'getconf', 'df', 'id', 'timeout']) symlinkSync(`/usr/bin/${tool}`, join(dir, tool));
    const script = `#!/bin/sh\ncase "$1" in --version) echo "podman version ${version}" ;; compose) echo "podman-compose version 1.2.0" ;; *) exit 1 ;; esac\n`;
    writeFileSync(join(dir, 'podman'), script);
    chmodSync(join(dir, 'podman'), 0o755);
    return dir;
  }

  it.each([
    ['4.9.3', ['podman compose']],
    ['5.0.1', ['podman compose']],
    ['4.3.1', []],
  ])('podman %s: compose front ends %j', async (version, flavours) => {
    const dir = fakePodman(version);
    const result = await new LocalRunner().run({ argv: PROBE_ARGV, env: { PATH: dir } });
    const facts = parseProbeOutput(result.stdout);
    expect(facts.tools.podman).toMatchObject({ path: join(dir, 'podman'), version });
    expect(facts.compose.map((c) => c.flavour)).toEqual(flavours);
  });
});

describe('Python tools (real sh, stand-in scripts on PATH)', () => {
  function pathWith(tools: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'hl-pytools-'));
    for (const tool of ['sh', 'cat', 'tr', 'stat', 'awk', 'sed', 'grep', 'uname', 'getconf', 'df', 'id', 'timeout']) symlinkSync(`/usr/bin/${tool}`, join(dir, tool));
    for (const [name, text] of Object.entries(tools)) {
      writeFileSync(join(dir, name), text);
      chmodSync(join(dir, name), 0o755);
    }
    return dir;
  }

  it('reads the version a setuptools entry script pins, without starting its interpreter', async () => {
    // The interpreter does not exist: a version can only come from the script's text.
    const entry = (name: string, version: string): string =>
      `#!/nonexistent/python3\n# EASY-INSTALL-ENTRY-SCRIPT: '${name}==${version}','console_scripts','${name}'\nimport sys\n__requires__ = '${name}==${version}'\n`;
    const dir = pathWith({ 'docker-compose': entry('docker-compose', '1.29.2'), 'podman-compose': entry('podman-compose', '1.0.3') });
    const facts = parseProbeOutput((await new LocalRunner().run({ argv: PROBE_ARGV, env: { PATH: dir } })).stdout);
    expect(facts.tools['docker-compose']).toMatchObject({ path: join(dir, 'docker-compose'), version: '1.29.2' });
    expect(facts.tools['podman-compose']).toMatchObject({ version: '1.0.3' });
  });

  it('asks the interpreter when the script pins no version, and never takes another package’s pin', async () => {
    // A pip-style script (no pin) whose interpreter answers for the package, and one pinning a different name.
    const dir = pathWith({
      'fake-python3': `#!/bin/sh\n[ "$1" = -c ] && [ "$3" = podman-compose ] && echo 9.8.7\n`,
      'docker-compose': `#!/nonexistent/python3\n__requires__ = 'docker-compose-plugin==5.0.0'\n`,
    });
    writeFileSync(join(dir, 'podman-compose'), `#!${join(dir, 'fake-python3')}\nfrom podman_compose import main\n`);
    chmodSync(join(dir, 'podman-compose'), 0o755);
    const facts = parseProbeOutput((await new LocalRunner().run({ argv: PROBE_ARGV, env: { PATH: dir } })).stdout);
    expect(facts.tools['podman-compose']).toMatchObject({ version: '9.8.7' });
    expect(facts.tools['docker-compose']?.version).toBeUndefined();
  });
});

describe('docker (real sh, a stand-in docker that logs how it is called)', () => {
  function fakeDocker(): { dir: string; log: string } {
    const dir = mkdtempSync(join(tmpdir(), 'hl-docker-'));
    for (const tool of ['sh', 'cat', 'tr', 'stat', 'awk', 'sed', 'grep', 'uname', 'getconf', 'df', 'id', 'timeout']) symlinkSync(`/usr/bin/${tool}`, join(dir, tool));
    const log = join(dir, 'calls.log');
    const script = `#!/bin/sh\necho "$*" >> ${log}\ncase "$1" in version) echo "27.1.0|26.0.0" ;; compose) echo "2.29.1" ;; --version) echo "Docker version 27.1.0, build x" ;; esac\n`;
    writeFileSync(join(dir, 'docker'), script);
    chmodSync(join(dir, 'docker'), 0o755);
    return { dir, log };
  }

  it('asks docker once for the client and the daemon, then (the daemon answering) its containers for Traefik, and not for a compose plugin it would not find', async () => {
    const { dir, log } = fakeDocker();
    const facts = parseProbeOutput((await new LocalRunner().run({ argv: PROBE_ARGV, env: { PATH: dir, HOME: dir } })).stdout);
    expect(facts.tools.docker).toMatchObject({ version: '27.1.0', serverVersion: '26.0.0' });
    expect(facts.compose).toEqual([]);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['version --format {{.Client.Version}}|{{if .Server}}{{.Server.Version}}{{end}}', 'ps --format {{.Image}}|{{.Names}}|{{.Networks}}']);
  });

  it('asks the compose plugin its version where docker would find it', async () => {
    const { dir, log } = fakeDocker();
    const plugins = join(dir, 'config', 'cli-plugins');
    mkdirSync(plugins, { recursive: true });
    writeFileSync(join(plugins, 'docker-compose'), '#!/bin/sh\n');
    chmodSync(join(plugins, 'docker-compose'), 0o755);
    const facts = parseProbeOutput((await new LocalRunner().run({ argv: PROBE_ARGV, env: { PATH: dir, HOME: dir, DOCKER_CONFIG: join(dir, 'config') } })).stdout);
    expect(facts.compose).toContainEqual(expect.objectContaining({ flavour: 'docker compose', version: '2.29.1' }));
    expect(readFileSync(log, 'utf8')).toContain('compose version --short');
  });
});

describe('debver: a Debian package’s version from dpkg’s records (this machine is Debian, with podman from its package)', () => {
  const debver = async (...args: string[]): Promise<string> =>
    (await new LocalRunner().run({ argv: ['sh', '-c', `${DEBVER_FUNCTION}\ndebver "$@"`, 'sh', ...args] })).stdout.trim();

  it('gives the upstream version of the package that owns the path, as dpkg-query has it', async () => {
    const full = (await new LocalRunner().run({ argv: ['dpkg-query', '-W', '-f', '${Version}', 'podman'] })).stdout;
    const upstream = full.replace(/^\d+:/, '').replace(/[-+~].*$/, '');
    expect(upstream).toMatch(/^\d+\.\d+/);
    expect(await debver('podman', '/usr/bin/podman')).toBe(upstream);
  });

  it('gives nothing for a path the package does not own, or a package that is not installed', async () => {
    expect(await debver('podman', '/usr/local/bin/podman')).toBe('');
    expect(await debver('podman', '/usr/bin/pod')).toBe('');
    expect(await debver('no-such-package-hl', '/usr/bin/podman')).toBe('');
  });
});

describe('Traefik and SELinux (real sh, stand-in docker, podman and getenforce on PATH)', () => {
  function standIns(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'hl-traefik-'));
    for (const tool of ['sh', 'cat', 'tr', 'stat', 'awk', 'sed', 'grep', 'uname', 'getconf', 'df', 'id', 'timeout']) symlinkSync(`/usr/bin/${tool}`, join(dir, tool));
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dir, name), text);
      chmodSync(join(dir, name), 0o755);
    }
    return dir;
  }

  it('finds the running Traefik container of each engine (not a look-alike image) and SELinux enforcing', async () => {
    const dir = standIns({
      docker: `#!/bin/sh\ncase "$1" in version) echo '27.1.1|27.1.1' ;; ps) printf 'nginx:1|web|bridge\\nmytraefik-exporter:1|x|bridge\\ndocker.io/library/traefik:v3.1|proxy-traefik|proxy,bridge\\n' ;; *) exit 1 ;; esac\n`,
      podman: `#!/bin/sh\ncase "$1" in --version) echo 'podman version 4.3.1' ;; ps) printf 'docker.io/library/redis:7|cache|podman\\n' ;; *) exit 1 ;; esac\n`,
      getenforce: '#!/bin/sh\necho Enforcing\n',
    });
    const facts = parseProbeOutput((await new LocalRunner().run({ argv: PROBE_ARGV, env: { PATH: dir, HOME: dir } })).stdout);
    expect(facts.traefik).toEqual({ docker: { container: 'proxy-traefik', image: 'docker.io/library/traefik:v3.1', networks: ['proxy', 'bridge'] } });
    expect(facts.selinux).toBe('enforcing');
    expect(hostFactsSchema.parse(facts)).toEqual(facts);
  });

  it('asks no container list of a Docker without a daemon, and says nothing of SELinux where there is none', async () => {
    const dir = standIns({ docker: `#!/bin/sh\ncase "$1" in version) echo '27.1.1|' ;; ps) echo 'traefik:v3|t|b' ;; *) exit 1 ;; esac\n` });
    const facts = parseProbeOutput((await new LocalRunner().run({ argv: PROBE_ARGV, env: { PATH: dir, HOME: dir } })).stdout);
    expect(facts.traefik).toBeUndefined();
    expect(facts.tools.docker?.serverVersion).toBeUndefined();
    expect(facts.selinux === undefined || facts.selinux === 'disabled').toBe(true);
  });
});
