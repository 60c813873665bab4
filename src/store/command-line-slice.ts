import type { StateCreator } from 'zustand/vanilla';
import type { AppDeps, AppState } from './app-store.js';

/** One `:` command: its name (and short forms), what it does in words, and how. */
interface Command {
  name: string;
  aliases?: readonly string[];
  does: string;
  run(state: AppState): void;
}

/** What the dashboard's `:` line understands (the same screens its keys open). */
export const COMMANDS: readonly Command[] = [
  { name: 'hosts', does: 'the hosts screen: add, edit, remove, check', run: (s) => void s.openHosts() },
  { name: 'install', does: 'install an app (the wizard)', run: (s) => void s.openWizard() },
  {
    name: 'refresh',
    does: 'read every host again now',
    run: (s) => {
      void s.refresh();
      s.refreshFleet();
    },
  },
  { name: 'help', does: 'every key of this screen', run: (s) => s.toggleHelp() },
  { name: 'quit', aliases: ['q'], does: 'quit', run: (s) => s.quit() },
];

const names = COMMANDS.map((c) => `:${c.name}`).join(', ');

/** The command a typed word stands for: its name or a short form, else a prefix of one name only. */
export function findCommand(word: string): Command | { problem: string } {
  const typed = word.trim().replace(/^:/, '').toLowerCase();
  if (!typed) return { problem: `type a command: ${names}` };
  const exact = COMMANDS.find((c) => c.name === typed || c.aliases?.includes(typed));
  if (exact) return exact;
  const starting = COMMANDS.filter((c) => c.name.startsWith(typed));
  if (starting.length === 1 && starting[0]) return starting[0];
  if (starting.length > 1) return { problem: `:${typed} could be ${starting.map((c) => `:${c.name}`).join(' or ')}: type more of it` };
  return { problem: `:${typed} is not a command; the commands are ${names}` };
}

/** The dashboard's `:` command line (vi-like): `:hosts` opens the hosts screen, and so on. */
export interface CommandLineSlice {
  /** The text typed after `:` while the line is open; undefined when it is closed. */
  commandLine: string | undefined;
  openCommandLine(): void;
  editCommandLine(text: string): void;
  closeCommandLine(): void;
  /** Runs what was typed and closes the line; a word that is no command is said in the notice. */
  runCommandLine(): void;
}

export function createCommandLineSlice(_deps: AppDeps): StateCreator<AppState, [], [], CommandLineSlice> {
  return (set, get) => ({
    commandLine: undefined,
    openCommandLine: () => set({ commandLine: '', notice: undefined }),
    editCommandLine: (text) => set({ commandLine: text }),
    closeCommandLine: () => set({ commandLine: undefined }),
    runCommandLine: () => {
      const found = findCommand(get().commandLine ?? '');
      set({ commandLine: undefined });
      if ('problem' in found) set({ notice: { tone: 'error', text: found.problem } });
      else found.run(get());
    },
  });
}
