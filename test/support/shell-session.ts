import { expect } from 'vitest';
import { TmuxSession } from './tmux.js';

/**
 * Drives `homelab-tui shell NAME` in a tmux session as a person would: starts it, waits for the shown
 * command and the shell's prompt, checks `hostname` inside, then leaves with `exit CODE` and waits for
 * homelab-tui's own exit code to be that.
 */
export async function shellSession(
  term: TmuxSession,
  options: { app: string; shown: string; prompt?: RegExp; hostname: string; exitCode: number; inside?: (term: TmuxSession) => Promise<void> },
): Promise<void> {
  await term.type(`clear; ${options.app}; echo "exit=$?"`);
  await term.press('Enter');
  await term.waitFor(options.shown, 60_000);
  // The shell's prompt: keys typed before it may be dropped as the terminal is set up (a person waits too).
  await term.waitFor(options.prompt ?? /come back\)[\s\S]*\n[^\n]*[#$] ?$/m, 30_000);
  await term.type('echo "inside=$(hostname) $((6 * 7))"');
  await term.press('Enter');
  await term.waitFor(`inside=${options.hostname} 42`, 30_000);
  await options.inside?.(term);
  await term.type(`exit ${options.exitCode}`);
  await term.press('Enter');
  await term.waitFor(`exit=${options.exitCode}`, 30_000);
}

/**
 * The same from the dashboard, with the deployment's row selected: E puts the app's screen away, the
 * shell prompts, `hostname` inside, `exit CODE`, and the dashboard comes back with the row still
 * selected and the exit code in its notice. Returns that screen.
 */
export async function dashboardShellSession(
  term: TmuxSession,
  options: { name: string; host: string; prompt?: RegExp; hostname: string; exitCode: number },
): Promise<string> {
  await term.press('E');
  await term.waitFor(/^(?![\s\S]*homelab-tui · dashboard)/, 30_000);
  await term.waitFor(options.prompt ?? /[#$] ?$/m, 30_000);
  await term.type('echo "inside=$(hostname) $((6 * 7))"');
  await term.press('Enter');
  await term.waitFor(`inside=${options.hostname} 42`, 30_000);
  await term.type(`exit ${options.exitCode}`);
  await term.press('Enter');
  const back = await term.waitFor(`left the shell in ${options.name} on ${options.host} (exit ${options.exitCode})`, 30_000);
  expect(back).toContain('homelab-tui · dashboard');
  expect(back).toMatch(new RegExp(`▸ ${options.name}\\b`));
  expect(back).not.toContain('inside=');
  return back;
}
