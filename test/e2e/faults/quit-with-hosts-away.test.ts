// Quitting the app (q, and Ctrl-C) while hosts do not answer: the process ends within 0.5 s and the
// terminal is given back (main screen, cursor shown, the same tty modes). The hosts are lab addresses
// no machine has, on lab links, so the SSH connects to them are in flight (packets go nowhere) when the
// key is pressed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { labHost, loadLab } from '../../support/lab.js';
import { TmuxSession } from '../../support/tmux.js';
import { awayAddresses, QUIT_TARGET_MS } from '../../support/quit-timing.js';

const lab = loadLab();
const dir = mkdtempSync(join(tmpdir(), 'hl-quit-e2e-'));
const [onLink, behindBridge] = awayAddresses(lab);
let session: TmuxSession | undefined;

writeFileSync(join(dir, 'hosts.yaml'), `hosts:\n  - name: away\n    address: ${onLink}\n  - name: gone\n    address: ${behindBridge}\n`);

afterEach(async () => {
  await session?.stop();
  session = undefined;
});

afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));

/** Opens the app in tmux with the two hosts away, waits until both are connecting, presses `key`. */
async function quitWith(key: string): Promise<{ elapsedMs: number; screen: string; ttyBefore: string; ttyAfter: string; alternate: string; cursor: string }> {
  const marks = { exited: join(dir, `exited-${key}`), before: join(dir, `tty-before-${key}`), after: join(dir, `tty-after-${key}`) };
  session = await TmuxSession.start({ columns: 100, rows: 30, env: { HOME: dir, SSH_AUTH_SOCK: '', NO_COLOR: '1' } });
  await session.type('echo BEFORE-THE-APP');
  await session.press('Enter');
  await session.waitFor(/^BEFORE-THE-APP$/m);
  // The time the process ended and the tty modes before and after it, written by the shell.
  const app = TmuxSession.appCommand(['--config-dir', dir]);
  await session.type(`stty -g > ${marks.before}; ${app}; date +%s%3N > ${marks.exited}; stty -g > ${marks.after}`);
  await session.press('Enter');
  await session.waitFor(/away \S+ · … connecting/);
  await session.waitFor(/gone \S+ · … connecting/);
  const pressed = Date.now();
  await session.press(key);
  await session.waitFor(/^BEFORE-THE-APP$/m, 10_000);
  const deadline = Date.now() + 10_000;
  let after = '';
  while (!after && Date.now() < deadline) {
    after = readIfThere(marks.after);
    if (!after) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    elapsedMs: Number(readFileSync(marks.exited, 'utf8').trim()) - pressed,
    screen: await session.screen(),
    ttyBefore: readFileSync(marks.before, 'utf8').trim(),
    ttyAfter: after.trim(),
    alternate: await session.tmux('display-message', '-p', '-t', session.name, '#{alternate_on}'),
    cursor: await session.tmux('display-message', '-p', '-t', session.name, '#{cursor_flag}'),
  };
}

function readIfThere(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

describe('quitting with hosts that do not answer', () => {
  it('the addresses are lab addresses no host has', () => {
    const used = lab.hosts.map((h) => h.address);
    for (const address of [onLink, behindBridge]) {
      expect(address.startsWith(`${labHost('bare', lab).address.split('.').slice(0, 2).join('.')}.`)).toBe(true);
      expect(used).not.toContain(address);
    }
  });

  for (const key of ['q', 'C-c']) {
    it(`${key} ends the process within ${QUIT_TARGET_MS} ms and gives the terminal back`, async () => {
      const result = await quitWith(key);
      expect(result.elapsedMs).toBeLessThan(QUIT_TARGET_MS);
      expect(result.screen).not.toContain('homelab-tui · dashboard');
      expect(result.alternate).toBe('0');
      expect(result.cursor).toBe('1');
      expect(result.ttyAfter).toBe(result.ttyBefore);
    });
  }
});
