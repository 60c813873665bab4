// A non-root login on the lab's hosts, for tests and benches that need one (sudo -n, a login shell
// without root's ~/.bashrc). The lab's hosts share this machine's /etc/passwd, and their sshd accepts
// the lab key for any user, so a user created here can log in on every lab host. sshd reads
// authorized_keys as that user, so the lab's (public) key list is made readable while the user exists;
// everything is put back afterwards.
import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LabManifest } from './lab.js';

/** Creates `user` (shell /bin/sh, home /, no password, not locked); returns the function that undoes it. */
export function createPlainLogin(lab: LabManifest, user: string): () => void {
  const keys = join(dirname(lab.ssh.knownHosts), 'authorized_keys');
  const modes = [dirname(keys), keys].map((path) => ({ path, mode: statSync(path).mode & 0o777 }));
  // `--password '*'`: an account with no usable password; the default ('!') is locked, and sshd
  // without PAM refuses locked accounts even for public keys.
  execFileSync('useradd', ['--system', '--no-create-home', '--home-dir', '/', '--shell', '/bin/sh', '--password', '*', user]);
  chmodSync(dirname(keys), 0o711);
  chmodSync(keys, 0o644);
  return () => {
    for (const { path, mode } of modes) chmodSync(path, mode);
    execFileSync('userdel', [user]);
  };
}

/** Runs `work` while `user` exists (see createPlainLogin). */
export async function withPlainLogin<T>(lab: LabManifest, user: string, work: () => Promise<T>): Promise<T> {
  const undo = createPlainLogin(lab, user);
  try {
    return await work();
  } finally {
    undo();
  }
}
