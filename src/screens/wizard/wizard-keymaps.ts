import { defineKeymap, type KeymapSpec } from '../keymap.js';
import { KEY } from '../keys.js';

// The wizard's keys. Enter confirms everywhere and Space never does; Esc steps back; Ctrl-C asks.
// Steps with text fields bind no printable keys, so everything typed reaches the field.

/** Ctrl-C as the wizard shows it: it asks before quitting. Same key and id as the app's global binding. */
export const wizardGlobalKeymap = defineKeymap({
  scope: 'global',
  bindings: [{ id: 'quit', keys: [KEY.ctrlC], label: 'ctrl+c', description: 'quit (asks)', group: 'General', footer: true }],
});

/** Ctrl-C while installing: it asks, then undoes what the install created. */
export const installGlobalKeymap = defineKeymap({
  scope: 'global',
  bindings: [{ id: 'quit', keys: [KEY.ctrlC], label: 'ctrl+c', description: 'stop and undo (asks)', group: 'Install', footer: true }],
});

/** Ctrl-C once the install is over: nothing is left to lose, so it quits at once. */
export const quitKeymap = defineKeymap({
  scope: 'global',
  bindings: [{ id: 'quit', keys: [KEY.ctrlC], label: 'ctrl+c', description: 'quit', group: 'General', footer: true }],
});

export const listKeymap = defineKeymap({
  scope: 'list',
  bindings: [
    { id: 'down', keys: [KEY.down, 'j'], label: '↓/j', description: 'move down', group: 'Navigate' },
    { id: 'up', keys: [KEY.up, 'k'], label: '↑/k', description: 'move up', group: 'Navigate' },
    { id: 'choose', keys: [KEY.enter], label: 'enter', description: 'choose', group: 'Navigate', footer: true },
  ],
});

export const wizardNavKeymap = defineKeymap({
  scope: 'wizard',
  bindings: [
    { id: 'back', keys: [KEY.escape], label: 'esc', description: 'back', group: 'Wizard', footer: true },
    { id: 'help', keys: ['?'], description: 'help', group: 'General', footer: true },
  ],
});

export const hostStepKeymap = defineKeymap({
  scope: 'wizard-host',
  bindings: [
    { id: 'add', keys: ['a'], description: 'add host', group: 'Hosts', footer: true },
    { id: 'recheck', keys: ['r'], description: 'recheck', group: 'Hosts', footer: true },
  ],
});

export const addHostKeymap = defineKeymap({
  scope: 'wizard-add-host',
  bindings: [
    { id: 'next', keys: [KEY.tab, KEY.down], label: 'tab/↓', description: 'next field', group: 'Form', footer: true },
    { id: 'previous', keys: [KEY.up], label: '↑', description: 'previous field', group: 'Form' },
    { id: 'confirm', keys: [KEY.enter], label: 'enter', description: 'next; add on the last', group: 'Form', footer: true },
    { id: 'cancel', keys: [KEY.escape], label: 'esc', description: 'cancel', group: 'Form', footer: true },
  ],
});

export const hostKeyKeymap = defineKeymap({
  scope: 'wizard-host-key',
  bindings: [
    { id: 'accept', keys: [KEY.enter], label: 'enter', description: 'trust the key', group: 'Host key', footer: true },
    { id: 'refuse', keys: [KEY.escape], label: 'esc', description: 'refuse it', group: 'Host key', footer: true },
  ],
});

export const passphraseKeymap = defineKeymap({
  scope: 'wizard-passphrase',
  bindings: [
    { id: 'unlock', keys: [KEY.enter], label: 'enter', description: 'unlock the key', group: 'Passphrase', footer: true },
    { id: 'skip', keys: [KEY.escape], label: 'esc', description: 'skip this key', group: 'Passphrase', footer: true },
  ],
});

export const formKeymap = defineKeymap({
  scope: 'wizard-questions',
  bindings: [
    { id: 'next', keys: [KEY.tab, KEY.down], label: 'tab/↓', description: 'next', group: 'Form', footer: true },
    { id: 'previous', keys: [KEY.up], label: '↑', description: 'previous field', group: 'Form' },
    { id: 'choice-previous', keys: [KEY.left], label: '←', description: 'previous choice', group: 'Form' },
    { id: 'choice-next', keys: [KEY.right], label: '←/→', description: 'choice', group: 'Form', footer: true },
    { id: 'confirm', keys: [KEY.enter], label: 'enter', description: 'next/continue', group: 'Form', footer: true },
    { id: 'back', keys: [KEY.escape], label: 'esc', description: 'back', group: 'Wizard', footer: true },
  ],
});

export const preflightKeymap = defineKeymap({
  scope: 'wizard-preflight',
  bindings: [
    { id: 'continue', keys: [KEY.enter], label: 'enter', description: 'continue', group: 'Preflight', footer: true },
    { id: 'rerun', keys: ['r'], description: 'check again', group: 'Preflight', footer: true },
  ],
});

export const reviewKeymap = defineKeymap({
  scope: 'wizard-review',
  bindings: [
    { id: 'install', keys: [KEY.enter], label: 'enter', description: 'install', group: 'Review', footer: true },
    { id: 'down', keys: [KEY.down, 'j'], label: '↓/j', description: 'scroll down', group: 'Review' },
    { id: 'up', keys: [KEY.up, 'k'], label: '↑/k', description: 'scroll up', group: 'Review' },
    { id: 'page-down', keys: [KEY.pageDown], label: 'pgdn', description: 'page down', group: 'Review', footer: true },
    { id: 'page-up', keys: [KEY.pageUp], label: 'pgup', description: 'page up', group: 'Review' },
  ],
});

/** The review of a change to a deployment (the wizard's edit mode): the same keys, Enter applies. */
export const reviewEditKeymap = defineKeymap({
  scope: 'wizard-review-edit',
  bindings: reviewKeymap.bindings.map((b) => (b.id === 'install' ? { ...b, description: 'apply the change' } : b)),
});

export const doneKeymap = defineKeymap({
  scope: 'wizard-done',
  bindings: [
    { id: 'finish', keys: [KEY.enter, KEY.escape], label: 'enter', description: 'go to the dashboard', group: 'Done', footer: true },
    { id: 'save', keys: ['s'], description: 'save answers as defaults', group: 'Done', footer: true },
  ],
});

export const defaultsKeymap = defineKeymap({
  scope: 'wizard-defaults',
  bindings: [
    { id: 'save', keys: [KEY.enter], label: 'enter', description: 'save', group: 'Defaults', footer: true },
    { id: 'cancel', keys: [KEY.escape], label: 'esc', description: 'close', group: 'Defaults', footer: true },
  ],
});

export const confirmKeymap = defineKeymap({
  scope: 'wizard-confirm',
  bindings: [
    { id: 'yes', keys: [KEY.enter], label: 'enter', description: 'yes', group: 'Confirm', footer: true },
    { id: 'no', keys: [KEY.escape], label: 'esc', description: 'no, go on', group: 'Confirm', footer: true },
  ],
});

export const loadingKeymap = defineKeymap({
  scope: 'wizard-loading',
  bindings: [{ id: 'back', keys: [KEY.escape], label: 'esc', description: 'back to the dashboard', group: 'Wizard', footer: true }],
});

/** The wizard's scopes (see wizardScope) and their keymaps, in footer order. */
export const wizardKeymapsByScope: Record<string, readonly KeymapSpec[]> = {
  'wizard-loading': [wizardGlobalKeymap, loadingKeymap],
  'wizard-app': [listKeymap, wizardNavKeymap, wizardGlobalKeymap],
  'wizard-host': [listKeymap, hostStepKeymap, wizardNavKeymap, wizardGlobalKeymap],
  'wizard-add-host': [addHostKeymap, wizardGlobalKeymap],
  'wizard-host-key': [hostKeyKeymap, wizardGlobalKeymap],
  'wizard-passphrase': [passphraseKeymap, wizardGlobalKeymap],
  'wizard-provider': [listKeymap, wizardNavKeymap, wizardGlobalKeymap],
  'wizard-questions': [formKeymap, wizardGlobalKeymap],
  'wizard-preflight': [preflightKeymap, wizardNavKeymap, wizardGlobalKeymap],
  'wizard-review': [reviewKeymap, wizardNavKeymap, wizardGlobalKeymap],
  'wizard-review-edit': [reviewEditKeymap, wizardNavKeymap, wizardGlobalKeymap],
  'wizard-install': [installGlobalKeymap],
  'wizard-recovery': [listKeymap, installGlobalKeymap],
  'wizard-done': [doneKeymap, quitKeymap],
  'wizard-defaults': [defaultsKeymap, quitKeymap],
  'wizard-confirm': [confirmKeymap, wizardGlobalKeymap],
};
