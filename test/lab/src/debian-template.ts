// The Debian 12 (bookworm) guest template: debootstrap from Debian's mirror, shaped like Proxmox's
// `debian-12-standard` where the recipes need it (systemd as init, apt, iproute2, ping, curl,
// ca-certificates; no sshd, no postfix), packed as Proxmox packs it (a .tar.zst named
// debian-12-standard_<point release>-1_amd64.tar.zst).
//
// Built once per MACHINE, outside the clone (CI clones afresh on the same machine): in
// $LAB_CACHE_DIR, default /var/cache/homelab-tui-lab. A lock file keeps two labs from building it at
// once; the archive is renamed into place only when complete, so a killed build leaves nothing usable.
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, sleep } from './shell.js';

export const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
/** What debian-12-standard holds that the recipes use (minbase has apt, dpkg, passwd, coreutils). */
const PACKAGES = ['systemd', 'systemd-sysv', 'dbus', 'iproute2', 'iputils-ping', 'procps', 'ca-certificates', 'curl', 'less'];

export function labCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LAB_CACHE_DIR ?? '/var/cache/homelab-tui-lab';
}

export interface DebianTemplate {
  /** Absolute path of the cached archive. */
  path: string;
  /** Its file name, as Proxmox names it. */
  name: string;
  /** Seconds the build took; 0 when it came from the cache. */
  builtSeconds: number;
}

function cachedTemplate(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).find((f) => /^debian-12-standard_[\d.]+-1_amd64\.tar\.zst$/.test(f));
}

/** The cached template, built first when the machine has none (about a minute, printed). */
export async function debianTemplate(cacheDir = labCacheDir()): Promise<DebianTemplate> {
  const dir = join(cacheDir, 'templates');
  mkdirSync(dir, { recursive: true });
  const found = cachedTemplate(dir);
  if (found) return { path: join(dir, found), name: found, builtSeconds: 0 };
  const lock = join(dir, '.building');
  const fd = await takeLock(lock);
  try {
    const again = cachedTemplate(dir);
    if (again) return { path: join(dir, again), name: again, builtSeconds: 0 };
    return build(dir);
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

/** An exclusive lock file; one left by a dead build (older than 15 minutes) is taken over. */
async function takeLock(lock: string): Promise<number> {
  const end = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      return openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (Date.now() > end) {
      rmSync(lock, { force: true });
      continue;
    }
    await sleep(1000);
  }
}

function build(dir: string): DebianTemplate {
  const started = Date.now();
  const work = mkdtempSync(join(dir, '.build-'));
  try {
    const root = join(work, 'rootfs');
    console.log(`building the Debian 12 guest template with debootstrap from ${DEBIAN_MIRROR} (once per machine, cached in ${dir})`);
    run('debootstrap', ['--variant=minbase', `--include=${PACKAGES.join(',')}`, 'bookworm', root, DEBIAN_MIRROR]);
    shape(root);
    const point = readFileSync(join(root, 'etc', 'debian_version'), 'utf8').trim();
    const name = `debian-12-standard_${point}-1_amd64.tar.zst`;
    const partial = join(work, name);
    run('sh', ['-c', 'tar -C "$1" --numeric-owner -cf - . | zstd -q -T0 -o "$2"', 'sh', root, partial]);
    renameSync(partial, join(dir, name));
    const builtSeconds = Math.round((Date.now() - started) / 100) / 10;
    console.log(`Debian 12 guest template ${name} built in ${builtSeconds.toFixed(1)} s`);
    return { path: join(dir, name), name, builtSeconds };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What Proxmox's template build leaves: full sources, no package lists or caches, no machine id. */
function shape(root: string): void {
  writeFileSync(
    join(root, 'etc', 'apt', 'sources.list'),
    'deb http://deb.debian.org/debian bookworm main contrib\n' +
      'deb http://deb.debian.org/debian bookworm-updates main contrib\n' +
      'deb http://security.debian.org/debian-security bookworm-security main contrib\n',
  );
  writeFileSync(join(root, 'etc', 'hostname'), 'localhost\n');
  writeFileSync(join(root, 'etc', 'hosts'), '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n');
  writeFileSync(join(root, 'etc', 'machine-id'), '');
  // LXC stops a container by sending init SIGPWR; systemd maps it to sigpwr.target, which does nothing
  // unless linked to halt.target (what LXC's own Debian template does), so pct shutdown would time out.
  symlinkSync('/lib/systemd/system/halt.target', join(root, 'etc', 'systemd', 'system', 'sigpwr.target'));
  rmSync(join(root, 'var', 'lib', 'dbus', 'machine-id'), { force: true });
  for (const sub of [join('var', 'lib', 'apt', 'lists'), join('var', 'cache', 'apt')]) {
    const path = join(root, sub);
    for (const entry of readdirSync(path)) if (entry !== 'partial' && entry !== 'archives' && entry !== 'lock') rmSync(join(path, entry), { recursive: true, force: true });
  }
  const archives = join(root, 'var', 'cache', 'apt', 'archives');
  if (existsSync(archives)) for (const f of readdirSync(archives)) if (f.endsWith('.deb')) rmSync(join(archives, f));
}
