// The install wizard in a real terminal (tmux) against the lab, driven only by keystrokes. Each key
// waits for what it should change on screen before the next one, as a person reading the screen would.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { labHost, loadLab } from '../../support/lab.js';
import { TmuxSession } from '../../support/tmux.js';

export const lab = loadLab();

/** A lab ssh config without its known_hosts, so the app meets the hosts' keys as new ones. */
export function sshConfigWithoutKnownHosts(dir: string): string {
  const path = join(dir, 'ssh_config');
  writeFileSync(path, readFileSync(lab.ssh.config, 'utf8').replace(/^\s*UserKnownHostsFile .*\n/gm, ''));
  return path;
}

/** The SHA256 fingerprint of a lab host's key, as OpenSSH prints it. */
export function fingerprintOf(host: string): string {
  const blob = labHost(host).hostKey.split(/\s+/)[1] ?? '';
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

/** A fresh config dir (no inventory: a first run) and the app in an 80×24 tmux terminal. */
export async function startWizard(options: { sshConfig?: string; hosts?: string[]; settings?: string } = {}): Promise<{ session: TmuxSession; configDir: string; cleanup(): Promise<void> }> {
  const configDir = mkdtempSync(join(tmpdir(), 'hl-wizard-e2e-'));
  // With hosts the inventory exists: not a first run, so the app opens on the dashboard.
  if (options.hosts) writeFileSync(join(configDir, 'hosts.yaml'), options.hosts.length === 0 ? 'hosts: []\n' : `hosts:\n${options.hosts.map((h) => `  - name: ${h}\n    address: ${labHost(h).alias}\n`).join('')}`);
  if (options.settings) writeFileSync(join(configDir, 'settings.yaml'), options.settings);
  // HOME is the config dir: no personal ~/.ssh applies; no agent. The shell keeps no history there
  // (bash writes it as tmux ends, while the config dir is being removed).
  const session = await TmuxSession.start({ columns: 80, rows: 24, env: { HOME: configDir, HISTFILE: '/dev/null', SSH_AUTH_SOCK: '', HOMELAB_TUI_TEST_APPS: '1' } });
  await session.type(TmuxSession.appCommand(['--config-dir', configDir, '--ssh-config', options.sshConfig ?? lab.ssh.config]));
  await session.press('Enter');
  return {
    session,
    configDir,
    cleanup: async () => {
      await session.stop();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** The line the cursor (▸) is on. */
function cursorLine(screen: string): string {
  return screen.split('\n').find((l) => l.includes('▸ ')) ?? '';
}

/** Moves a list's cursor down (then up) one key at a time until `label` is selected. */
export async function choose(session: TmuxSession, label: string): Promise<void> {
  if (!(await waitUntil(session, (s) => cursorLine(s) !== '', 15_000))) throw new Error(`no list on screen:\n${await session.screen()}`);
  for (const key of ['Down', 'Up']) {
    for (let i = 0; i < 20; i++) {
      const screen = await session.screen();
      if (cursorLine(screen).includes(`▸ ${label}`)) return;
      const before = cursorLine(screen);
      await session.press(key);
      const moved = await waitUntil(session, (s) => cursorLine(s) !== before, 1500);
      if (!moved) break;
    }
  }
  throw new Error(`could not select "${label}"; screen:\n${await session.screen()}`);
}

/** Polls the screen until `test` holds; false after `timeoutMs`. */
async function waitUntil(session: TmuxSession, test: (screen: string) => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (test(await session.screen())) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Presses keys, then waits for the screen to show `then`. */
export async function press(session: TmuxSession, keys: string[], then: RegExp | string, timeoutMs?: number): Promise<string> {
  await session.press(...keys);
  return session.waitFor(then, timeoutMs);
}

/**
 * Opens the "Add a host" form with `a` and waits for its first field. A screen's keys are read from
 * its first effect on, so an `a` sent the moment the list shows can come too early and be dropped
 * (CI lost one so); the list itself already shows "Add a host", so that text proves nothing: the
 * form's focused Name field does. Pressed again, up to five times, until the form is open.
 */
export async function openAddHost(session: TmuxSession): Promise<string> {
  for (let i = 0; i < 4; i++) {
    await session.press('a');
    const opened = await session.waitFor(/▸ Name/, 3_000).catch(() => undefined);
    if (opened) return opened;
  }
  return press(session, ['a'], /▸ Name/, 3_000);
}

/**
 * Replaces the focused field's text: one Backspace at a time (a burst of them would reach the app as
 * one chunk, which Ink does not read as keys), then the new text in one go, then waits until it shows.
 */
export async function retype(session: TmuxSession, current: string, text: string): Promise<void> {
  for (let left = current.length; left > 0; left--) {
    const before = cursorLine(await session.screen());
    await session.press('BSpace');
    if (!(await waitUntil(session, (s) => cursorLine(s) !== before, 5000))) throw new Error(`Backspace did not take "${current.slice(0, left)}" to "${current.slice(0, left - 1)}"`);
  }
  await session.type(text);
  if (!(await waitUntil(session, (s) => cursorLine(s).includes(text), 5000))) throw new Error(`the field never showed "${text}":\n${await session.screen()}`);
}

/** Every line fits the terminal's width. */
export function expectFits(screen: string, columns = 80): void {
  for (const line of screen.split('\n')) expect(line.length, line).toBeLessThanOrEqual(columns);
}
