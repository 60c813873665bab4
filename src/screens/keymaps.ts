import { KEY } from './keys.js';
import type { KeymapSpec } from './keymap.js';
import { wizardKeymapsByScope } from './wizard/wizard-keymaps.js';

/** Keys that work on every screen. Ctrl-C quits, but the wizard asks first (see the shell's interrupt). */
export const globalKeymap: KeymapSpec = {
  scope: 'global',
  bindings: [{ id: 'quit', keys: [KEY.ctrlC], label: 'ctrl+c', description: 'quit (asks first in the wizard)', group: 'General' }],
};

/** Keys of screens where nothing is typed: help and q. Screens with text fields leave them out. */
export const browseKeymap: KeymapSpec = {
  scope: 'browse',
  bindings: [
    { id: 'help', keys: ['?'], description: 'show or hide this help', group: 'General', footer: true },
    { id: 'quit', keys: ['q'], description: 'quit', group: 'General', footer: true },
  ],
};

export const dashboardKeymap: KeymapSpec = {
  scope: 'dashboard',
  bindings: [
    { id: 'down', keys: [KEY.down, 'j'], label: '↓/j', description: 'move down', group: 'Navigate' },
    { id: 'up', keys: [KEY.up, 'k'], label: '↑/k', description: 'move up', group: 'Navigate' },
    { id: 'install', keys: ['i'], description: 'install an app', group: 'Deployments', footer: true },
    { id: 'refresh', keys: ['r'], description: 'refresh now', group: 'General', footer: true },
  ],
};

export const helpKeymap: KeymapSpec = {
  scope: 'help',
  bindings: [{ id: 'close', keys: [KEY.escape], label: 'esc', description: 'close help', group: 'General', footer: true }],
};

/** Every scope with the keymaps active in it (global keys apply everywhere). */
export const keymapsByScope: Record<string, readonly KeymapSpec[]> = {
  dashboard: [globalKeymap, browseKeymap, dashboardKeymap],
  help: [globalKeymap, helpKeymap],
  // Each wizard scope carries its own wording of the global Ctrl-C binding (it asks first there).
  ...wizardKeymapsByScope,
};
