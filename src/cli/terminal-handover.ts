import type { TerminalHandOver } from '../services/fleet/fleet-reading.js';
import { ENTER, LEAVE } from './alternate-screen.js';
import type { PacedStdin } from './paced-stdin.js';

/**
 * How the app lends its terminal (a shell from the dashboard), the way vim's :shell does: once the
 * app has drawn its empty frame, the normal screen comes back with the cursor shown, keys go to the
 * borrower instead of the app, and after it ends the alternate screen returns for the app to draw
 * again from the top. `frameMs` is how long the app may take to draw (Ink's frame interval).
 */
export function terminalHandOver(terminal: { input: PacedStdin; stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream; frameMs: number }): TerminalHandOver {
  const { input, stdin, stdout, frameMs } = terminal;
  return async (work) => {
    await new Promise((resolve) => setTimeout(resolve, frameMs));
    stdout.write(LEAVE);
    const release = input.hold();
    // Not read by this process meanwhile: a local shell reads the same terminal (a remote one resumes it to pipe it).
    stdin.pause();
    try {
      return await work({ stdin, stdout });
    } finally {
      stdout.write(ENTER);
      release();
    }
  };
}
