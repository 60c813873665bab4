import { KEY } from './keys.js';
import type { KeymapSpec } from './keymap.js';

/** Keys that work on every screen. */
export const globalKeymap: KeymapSpec = {
  scope: 'global',
  bindings: [
    { id: 'help', keys: ['?'], description: 'show or hide this help', group: 'General', footer: true },
    { id: 'quit', keys: ['q', KEY.ctrlC], label: 'q', description: 'quit', group: 'General', footer: true },
  ],
};

export const dashboardKeymap: KeymapSpec = {
  scope: 'dashboard',
  bindings: [
    { id: 'down', keys: [KEY.down, 'j'], label: '↓/j', description: 'move down', group: 'Navigate' },
    { id: 'up', keys: [KEY.up, 'k'], label: '↑/k', description: 'move up', group: 'Navigate' },
    { id: 'refresh', keys: ['r'], description: 'refresh now', group: 'General', footer: true },
  ],
};

export const helpKeymap: KeymapSpec = {
  scope: 'help',
  bindings: [{ id: 'close', keys: [KEY.escape], label: 'esc', description: 'close help', group: 'General', footer: true }],
};

/** Every scope with the keymaps active in it (global keys apply everywhere). */
export const keymapsByScope: Record<string, readonly KeymapSpec[]> = {
  dashboard: [globalKeymap, dashboardKeymap],
  help: [globalKeymap, helpKeymap],
};
