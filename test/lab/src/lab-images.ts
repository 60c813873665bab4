// Root file systems built from busybox-static, with no registry: the busybox base, the lab app in
// three builds (1, 2, bad), the busybox LXC template and the app bundle for LXC guests.
import { chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './shell.js';

export const APP_TAGS = ['1', '2', 'bad'] as const;
export type AppTag = (typeof APP_TAGS)[number];
export const LXC_TEMPLATE = 'lab-busybox_1.35-1_amd64.tar.gz';

function busyboxRoot(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  for (const d of ['bin', 'sbin', 'etc', 'tmp', 'root', 'proc', 'sys', 'dev', 'run', 'var/log', 'data']) mkdirSync(join(dir, d), { recursive: true });
  copyFileSync('/bin/busybox', join(dir, 'bin', 'busybox'));
  chmodSync(join(dir, 'bin', 'busybox'), 0o755);
  for (const applet of run('/bin/busybox', ['--list']).split('\n').filter(Boolean)) {
    if (applet !== 'busybox') symlinkSync('busybox', join(dir, 'bin', applet));
  }
  writeFileSync(join(dir, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n');
  writeFileSync(join(dir, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
  chmodSync(join(dir, 'tmp'), 0o1777);
}

function addApp(dir: string, appSource: string, appDir: string, tag: AppTag): void {
  mkdirSync(join(dir, appDir, 'www'), { recursive: true });
  for (const file of ['start.sh', 'respond-bad.sh']) {
    copyFileSync(join(appSource, file), join(dir, appDir, file));
    chmodSync(join(dir, appDir, file), 0o755);
  }
  copyFileSync(join(appSource, 'www', 'health'), join(dir, appDir, 'www', 'health'));
  writeFileSync(join(dir, appDir, 'www', 'version'), tag === 'bad' ? 'bad' : tag);
  writeFileSync(join(dir, appDir, 'tag'), tag);
}

function tarOf(dir: string, out: string, gzip = false): string {
  run('tar', [gzip ? '-czf' : '-cf', out, '--numeric-owner', '-C', dir, '.']);
  return out;
}

export interface BuiltImages {
  busybox: string;
  app: Record<AppTag, string>;
  lxcTemplate: string;
  guestBundle: string;
}

/** Builds every tarball into dir (about 0.3 s; rebuilt on each lab:up, so it never goes stale). */
export function buildImages(dir: string, appSource: string): BuiltImages {
  mkdirSync(dir, { recursive: true });
  const root = join(dir, 'rootfs');
  busyboxRoot(root);
  const busybox = tarOf(root, join(dir, 'busybox.tar'));
  const app = {} as Record<AppTag, string>;
  for (const tag of APP_TAGS) {
    rmSync(join(root, 'app'), { recursive: true, force: true });
    addApp(root, appSource, 'app', tag);
    app[tag] = tarOf(root, join(dir, `labapp-${tag}.tar`));
  }
  rmSync(join(root, 'app'), { recursive: true, force: true });
  return { busybox, app, lxcTemplate: buildLxcTemplate(dir, root), guestBundle: buildGuestBundle(dir, appSource) };
}

function buildLxcTemplate(dir: string, root: string): string {
  symlinkSync('../bin/busybox', join(root, 'sbin', 'init'));
  mkdirSync(join(root, 'etc', 'init.d'), { recursive: true });
  // No udhcpc here (LAB.md): LXC sets the static address and it must stay.
  writeFileSync(join(root, 'etc', 'inittab'), '::sysinit:/etc/init.d/rcS\n::respawn:/bin/getty -L 38400 console\n::shutdown:/bin/umount -a -r\n');
  writeFileSync(
    join(root, 'etc', 'init.d', 'rcS'),
    '#!/bin/sh\nmount -t proc proc /proc 2>/dev/null\nmount -t tmpfs tmpfs /run 2>/dev/null\n[ -f /etc/hostname ] && hostname -F /etc/hostname\n' +
      'for s in /etc/init.d/S*; do [ -x "$s" ] && "$s" start; done\nexit 0\n',
  );
  chmodSync(join(root, 'etc', 'init.d', 'rcS'), 0o755);
  writeFileSync(join(root, 'etc', 'hostname'), 'lab-busybox\n');
  writeFileSync(join(root, 'etc', 'hosts'), '127.0.0.1 localhost\n');
  writeFileSync(join(root, 'etc', 'resolv.conf'), '');
  return tarOf(root, join(dir, LXC_TEMPLATE), true);
}

function buildGuestBundle(dir: string, appSource: string): string {
  const root = join(dir, 'bundle');
  rmSync(root, { recursive: true, force: true });
  addApp(root, appSource, join('opt', 'labapp'), '1');
  for (const file of ['guest-install.sh', 'run']) {
    copyFileSync(join(appSource, file), join(root, 'opt', 'labapp', file === 'guest-install.sh' ? 'install.sh' : file));
    chmodSync(join(root, 'opt', 'labapp', file === 'guest-install.sh' ? 'install.sh' : file), 0o755);
  }
  return tarOf(root, join(dir, 'labapp-guest.tar.gz'), true);
}
