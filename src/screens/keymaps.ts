import { KEY } from './keys.js';
import type { ActionId } from '../services/lifecycle/action-table.js';
import { defineKeymap, type BindingSpec, type KeymapSpec } from './keymap.js';
import { wizardKeymapsByScope } from './wizard/wizard-keymaps.js';

/** Keys that work on every screen. Ctrl-C quits, but the wizard asks first (see the shell's interrupt). */
export const globalKeymap = defineKeymap({
  scope: 'global',
  bindings: [{ id: 'quit', keys: [KEY.ctrlC], label: 'ctrl+c', description: 'quit (asks first in the wizard)', group: 'General' }],
});

/** Keys of screens where nothing is typed: help and q. Screens with text fields leave them out. */
export const browseKeymap = defineKeymap({
  scope: 'browse',
  bindings: [
    { id: 'help', keys: ['?'], description: 'show or hide this help', short: 'help', group: 'General', footer: true },
    { id: 'quit', keys: ['q'], description: 'quit', group: 'General', footer: true },
  ],
});

// Shared by the list and the details: what can be done to a deployment, one entry per action of the
// action table (src/services/lifecycle/action-table.ts), whose ids they are. Each deployment's reading
// says whether an action is available or why not; the footer, help and dispatch read that. A dangerous
// one asks its `confirm` question first (ConfirmAction), then the store runs it through the lifecycle.
const deploymentActions = [
  { id: 'logs', keys: ['l'], description: 'logs (of the selected service, or all merged)', short: 'logs', group: 'Actions', footer: true, perService: true },
  {
    id: 'restart',
    keys: ['R'],
    description: 'restart',
    group: 'Actions',
    dangerous: true,
    footer: true,
    perService: true,
    confirm: { title: ({ what, host }) => `Restart ${what} on ${host}?`, detail: () => 'It stops and starts again; it is unavailable meanwhile.' },
  },
  { id: 'url', keys: ['u'], description: 'show the URL and copy it', short: 'url', group: 'Actions', footer: true },
  {
    id: 'update',
    keys: ['U'],
    description: 'update to a newer version',
    group: 'Actions',
    dangerous: true,
    confirm: {
      title: ({ what, host }) => `Update ${what} on ${host} to the newest version its recipe knows?`,
      detail: ({ what }) => `A verified backup of its data first; if the new version fails its health gate, it rolls back by itself, data included (see the plan: homelab-tui update ${what} --dry-run).`,
    },
  },
  // Like the CLI's `backup NAME`: one archive on this machine, its bytes and percent shown as they are written.
  { id: 'backup', keys: ['b'], description: 'back up now (the archive goes to this machine)', short: 'backup', group: 'Actions' },
  { id: 'reconfigure', keys: ['e'], description: 'edit its settings (wizard pre-filled, diff shown before applying)', short: 'edit', group: 'Actions' },
  {
    id: 'uninstall',
    keys: ['X'],
    description: 'uninstall (the data is kept)',
    group: 'Actions',
    dangerous: true,
    // --purge is a CLI flag only: deleting data takes typing its name, not one key.
    confirm: {
      title: ({ what, host }) => `Uninstall ${what} from ${host}?`,
      detail: ({ what, host }) => `Its containers go; its data is kept on ${host} (homelab-tui uninstall ${what} --host ${host} --purge removes it).`,
    },
  },
  {
    id: 'stop',
    keys: ['S'],
    description: 'stop',
    group: 'Actions',
    dangerous: true,
    perService: true,
    confirm: { title: ({ what, host }) => `Stop ${what} on ${host}?`, detail: () => 'It is unavailable until it is started again (T).' },
  },
  { id: 'start', keys: ['T'], description: 'start', group: 'Actions', perService: true },
  // `s` sorts; E is lazydocker's exec-a-shell key.
  { id: 'shell', keys: ['E'], description: 'open a shell in it', group: 'Actions', perService: true },
] as const satisfies readonly BindingSpec<ActionId>[];

/** The deployment actions' bindings (dispatch reads their `confirm` and `perService`). */
export const deploymentActionBindings: readonly BindingSpec<ActionId>[] = deploymentActions;

/** The fleet list. */
export const dashboardKeymap = defineKeymap({
  scope: 'dashboard',
  bindings: [
    { id: 'down', keys: [KEY.down, 'j'], label: '↓/j', description: 'move down', group: 'Navigate' },
    { id: 'up', keys: [KEY.up, 'k'], label: '↑/k', description: 'move up', group: 'Navigate' },
    { id: 'pageDown', keys: [KEY.pageDown, 'ctrl+d'], label: 'pgdn', description: 'page down', group: 'Navigate' },
    { id: 'pageUp', keys: [KEY.pageUp, 'ctrl+u'], label: 'pgup', description: 'page up', group: 'Navigate' },
    { id: 'top', keys: ['g', KEY.home], label: 'g', description: 'first row', group: 'Navigate' },
    { id: 'bottom', keys: ['G', KEY.end], label: 'G', description: 'last row', group: 'Navigate' },
    { id: 'open', keys: [KEY.enter], label: 'enter', description: 'details', group: 'Navigate', footer: true },
    { id: 'filter', keys: ['/'], description: 'filter (regex; a leading ! keeps what does not match)', short: 'filter', group: 'View', footer: true },
    { id: 'clearFilter', keys: [KEY.escape], label: 'esc', description: 'clear the filter', group: 'View' },
    { id: 'sort', keys: ['s'], description: 'sort by the next column (name, health, restarts, uptime)', group: 'View' },
    { id: 'group', keys: ['v'], description: 'group by host or by health', group: 'View' },
    { id: 'refresh', keys: ['r'], description: 'refresh now', group: 'View' },
    { id: 'install', keys: ['i'], description: 'install an app', short: 'install', group: 'Deployments', footer: true },
    { id: 'hosts', keys: ['H'], description: 'hosts: add, edit, remove, check', short: 'hosts', group: 'View' },
    { id: 'command', keys: [':'], description: 'command line: :hosts, :install, :refresh, :help, :quit', group: 'View' },
    ...deploymentActions,
  ],
});

/** The hosts screen: the inventory with each host's connection. */
export const hostsKeymap = defineKeymap({
  scope: 'hosts',
  bindings: [
    { id: 'back', keys: [KEY.escape], label: 'esc', description: 'back to the dashboard', short: 'back', group: 'Navigate', footer: true },
    { id: 'down', keys: [KEY.down, 'j'], label: '↓/j', description: 'move down', group: 'Navigate' },
    { id: 'up', keys: [KEY.up, 'k'], label: '↑/k', description: 'move up', group: 'Navigate' },
    { id: 'add', keys: ['a'], description: 'add a host', short: 'add', group: 'Hosts', footer: true },
    { id: 'edit', keys: ['e'], description: 'edit the host (name, address, user, port)', short: 'edit', group: 'Hosts', footer: true },
    { id: 'remove', keys: ['X'], description: 'remove the host from the inventory (asks first)', short: 'remove', group: 'Hosts', dangerous: true, footer: true },
    { id: 'check', keys: ['c'], description: 'check the host: connect, host key, login, probe', short: 'check', group: 'Hosts', footer: true },
    { id: 'checkAll', keys: ['C'], description: 'check every host', group: 'Hosts' },
  ],
});

/** The add or edit form of the hosts screen. */
export const hostFormKeymap = defineKeymap({
  scope: 'host-form',
  textInput: true,
  bindings: [
    { id: 'next', keys: [KEY.tab, KEY.down], label: 'tab/↓', description: 'next field', group: 'Form', footer: true },
    { id: 'previous', keys: [KEY.up], label: '↑', description: 'previous field', group: 'Form' },
    { id: 'confirm', keys: [KEY.enter], label: 'enter', description: 'next; save on the last', group: 'Form', footer: true },
    { id: 'cancel', keys: [KEY.escape], label: 'esc', description: 'cancel', group: 'Form', footer: true },
  ],
});

/** A host offered a key never seen before (met outside the wizard). */
export const newHostKeyKeymap = defineKeymap({
  scope: 'host-key',
  bindings: [
    { id: 'accept', keys: [KEY.enter], label: 'enter', description: 'trust the key', group: 'Host key', footer: true },
    { id: 'refuse', keys: [KEY.escape], label: 'esc', description: 'refuse it', group: 'Host key', footer: true },
  ],
});

/** One deployment's details. */
export const detailsKeymap = defineKeymap({
  scope: 'details',
  bindings: [
    { id: 'back', keys: [KEY.escape], label: 'esc', description: 'back to the list', short: 'back', group: 'Navigate', footer: true },
    { id: 'reload', keys: ['r'], description: 'read the details again', group: 'View' },
    ...deploymentActions,
    { id: 'nextBackup', keys: [KEY.down, 'j'], label: '↓/j', description: 'select the next (older) backup', group: 'Backups' },
    { id: 'previousBackup', keys: [KEY.up, 'k'], label: '↑/k', description: 'select the previous (newer) backup', group: 'Backups' },
    // The archive is verified and the plan made first; the question shows the plan (src/store/actions-slice.ts askRestore).
    { id: 'restore', keys: ['P'], description: 'put the selected backup back (restore; shows the plan, asks first)', short: 'restore', group: 'Backups', dangerous: true, footer: true },
  ],
});

/** The logs view. */
export const logsKeymap = defineKeymap({
  scope: 'logs',
  bindings: [
    { id: 'back', keys: [KEY.escape], label: 'esc', description: 'back', group: 'Navigate', footer: true },
    { id: 'up', keys: [KEY.up, 'k'], label: '↑/k', description: 'scroll up (pauses)', group: 'Navigate' },
    { id: 'down', keys: [KEY.down, 'j'], label: '↓/j', description: 'scroll down', group: 'Navigate' },
    { id: 'pageUp', keys: [KEY.pageUp, 'ctrl+u'], label: 'pgup', description: 'page up (pauses)', group: 'Navigate' },
    { id: 'pageDown', keys: [KEY.pageDown, 'ctrl+d'], label: 'pgdn', description: 'page down', group: 'Navigate' },
    { id: 'pause', keys: [KEY.space, 'p'], label: 'space', description: 'pause or resume', short: 'pause', group: 'Follow', footer: true },
    { id: 'follow', keys: ['f', 'G', KEY.end], label: 'f', description: 'follow: jump to the newest line', group: 'Follow' },
    { id: 'filter', keys: ['/'], description: 'filter (regex, highlighted)', short: 'filter', group: 'View', footer: true },
    { id: 'invert', keys: ['!'], description: 'invert the filter', short: 'invert', group: 'View', footer: true },
    { id: 'timestamps', keys: ['t'], description: 'time stamps on or off', short: 'times', group: 'View', footer: true },
    { id: 'wrap', keys: ['w'], description: 'wrap long lines on or off', short: 'wrap', group: 'View', footer: true },
  ],
});

/** A yes/no question before a dangerous action. */
export const confirmKeymap = defineKeymap({
  scope: 'confirm',
  bindings: [
    { id: 'yes', keys: ['y'], description: 'yes, do it', group: 'Confirm', footer: true },
    { id: 'no', keys: ['n', KEY.escape], label: 'n/esc', description: 'no', group: 'Confirm', footer: true },
  ],
});

/** The passphrase of an encrypted archive, typed masked before its restore is planned. */
export const archiveKeyKeymap = defineKeymap({
  scope: 'archive-key',
  textInput: true,
  bindings: [
    { id: 'open', keys: [KEY.enter], label: 'enter', description: 'open the archive with this passphrase', short: 'open', group: 'Passphrase', footer: true },
    { id: 'cancel', keys: [KEY.escape], label: 'esc', description: 'do not restore', short: 'cancel', group: 'Passphrase', footer: true },
  ],
});

/** Typing a `/` filter. */
export const filterKeymap = defineKeymap({
  scope: 'filter',
  textInput: true,
  bindings: [
    { id: 'apply', keys: [KEY.enter], label: 'enter', description: 'keep the filter', short: 'keep', group: 'Filter', footer: true },
    { id: 'cancel', keys: [KEY.escape], label: 'esc', description: 'clear the filter', short: 'clear', group: 'Filter', footer: true },
  ],
});

/** Typing a `:` command on the dashboard. */
export const commandKeymap = defineKeymap({
  scope: 'command',
  textInput: true,
  bindings: [
    { id: 'run', keys: [KEY.enter], label: 'enter', description: 'run the command', short: 'run', group: 'Command', footer: true },
    { id: 'cancel', keys: [KEY.escape], label: 'esc', description: 'close the command line', short: 'close', group: 'Command', footer: true },
  ],
});

export const helpKeymap = defineKeymap({
  scope: 'help',
  bindings: [
    { id: 'close', keys: [KEY.escape], label: 'esc', description: 'close help', group: 'General', footer: true },
    // Only needed when the help is taller than the terminal (80x24 with every dashboard key).
    { id: 'down', keys: [KEY.down, 'j'], label: '↓/j', description: 'scroll the help down', short: 'scroll', group: 'This help', footer: true },
    { id: 'up', keys: [KEY.up, 'k'], label: '↑/k', description: 'scroll the help up', group: 'This help' },
    { id: 'pageDown', keys: [KEY.pageDown, KEY.space, 'ctrl+d'], label: 'pgdn', description: 'next page of the help', group: 'This help' },
    { id: 'pageUp', keys: [KEY.pageUp, 'ctrl+u'], label: 'pgup', description: 'previous page of the help', group: 'This help' },
  ],
});

/** Every scope with the keymaps active in it (global keys apply everywhere). */
export const keymapsByScope: Record<string, readonly KeymapSpec[]> = {
  dashboard: [globalKeymap, browseKeymap, dashboardKeymap],
  details: [globalKeymap, browseKeymap, detailsKeymap],
  logs: [globalKeymap, browseKeymap, logsKeymap],
  hosts: [globalKeymap, browseKeymap, hostsKeymap],
  'host-form': [globalKeymap, hostFormKeymap],
  'host-key': [globalKeymap, newHostKeyKeymap],
  confirm: [globalKeymap, confirmKeymap],
  'archive-key': [globalKeymap, archiveKeyKeymap],
  filter: [globalKeymap, filterKeymap],
  command: [globalKeymap, commandKeymap],
  help: [globalKeymap, helpKeymap],
  // Each wizard scope carries its own wording of the global Ctrl-C binding (it asks first there).
  ...wizardKeymapsByScope,
};
