import { hasBackups, hasShell, isReconfigurable, isRestartable, isStartable, isStoppable, isUpdatable, type DeploymentStatus, type Provider } from '../../providers/provider.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { OpenDeployment } from './lifecycle.js';
import { showCommand } from '../../platform/show-command.js';
import { UserError } from '../../platform/errors.js';

/** Every action a deployment can offer; footer, help, dispatch and the CLI name them by these ids. */
export const ACTION_IDS = ['logs', 'url', 'restart', 'update', 'backup', 'restore', 'reconfigure', 'uninstall', 'stop', 'start', 'shell'] as const;

export type ActionId = (typeof ACTION_IDS)[number];

/** Whether one action can run now, and if not, why (shown greyed out with the reason). */
export type ActionAvailability = { available: true } | { available: false; reason: string };

/** Per action id: available, or the reason it is not. Computed once per reading. */
export type ActionTable = Readonly<Record<ActionId, ActionAvailability>>;

/** What a change asks for beyond its kind. */
export interface ChangeRequest {
  service?: string;
  purge?: boolean;
  /** update: the version to go to (default: the newest the catalog knows). */
  to?: string;
}

/**
 * One action: which provider capability it needs (absent: every provider has it), what it needs of
 * the host, and, for actions that change the deployment, how its plan is made. Adding an action is
 * one entry here, one capability in src/providers/provider.ts, one keymap entry and one CLI command.
 */
interface ActionSpec {
  /** The capability check; false: "… cannot VERB with this version of homelab-tui". */
  capable?: (provider: Provider) => boolean;
  verb: string;
  /** Needs the host to answer and no interrupted operation waiting (logs and url do not change anything). */
  changes: boolean;
  /** Still offered while an interrupted operation waits (it finishes it). */
  finishesInterrupted?: boolean;
  plan?: (provider: Provider, deployment: OpenDeployment, request: ChangeRequest) => Promise<Plan>;
  /** How its progress and result read ("restarting labapp on docker", "uninstalled labapp from docker"). */
  words?: ActionWords;
}

/** The words of a changing action, for progress lines and results. */
export interface ActionWords {
  doing: string;
  done: string;
  /** "on" the host, or "from" it. */
  preposition: 'on' | 'from';
}

/** lifecycle.prepare does not plan these: the CLI and the dashboard's fleet source ask src/services/backup (it needs the catalog and an archive). */
function fromCli(kind: 'backup' | 'restore', name: string): UserError {
  return new UserError(`${kind} runs from the command line in this version`, kind === 'backup' ? `run: ${showCommand(['homelab-tui', 'backup', name])}` : `see the archives: ${showCommand(['homelab-tui', 'backups', 'list', name])}`);
}

const ACTIONS: Record<ActionId, ActionSpec> = {
  logs: { verb: 'show logs', changes: false },
  url: { verb: 'open a URL', changes: false },
  restart: {
    capable: isRestartable,
    verb: 'be restarted',
    changes: true,
    plan: (provider, d, request) => (isRestartable(provider) ? provider.planRestart(d.ctx, d.record, request.service) : Promise.reject(new Error('not restartable'))),
    words: { doing: 'restarting', done: 'restarted', preposition: 'on' },
  },
  // Its plan needs the catalog (the version to go to): lifecycle.prepare asks src/services/update/prepare-update.ts.
  update: { capable: isUpdatable, verb: 'be updated', changes: true, words: { doing: 'updating', done: 'updated', preposition: 'on' } },
  // Their plans need the catalog and an archive: made by src/services/backup (planBackup, planRestore), for the
  // CLI and for the dashboard (src/services/lifecycle/fleet-backups.ts).
  backup: { capable: hasBackups, verb: 'be backed up', changes: true, plan: (_p, d) => Promise.reject(fromCli('backup', d.record.name)), words: { doing: 'backing up', done: 'backed up', preposition: 'on' } },
  restore: { capable: hasBackups, verb: 'be restored', changes: true, plan: (_p, d) => Promise.reject(fromCli('restore', d.record.name)), words: { doing: 'restoring', done: 'restored', preposition: 'on' } },
  // Its plan is made by src/services/reconfigure (answers, diff, preflight), then applied through the lifecycle.
  reconfigure: { capable: isReconfigurable, verb: 'be reconfigured', changes: true, words: { doing: 'reconfiguring', done: 'reconfigured', preposition: 'on' } },
  uninstall: {
    verb: 'be uninstalled',
    changes: true,
    finishesInterrupted: true,
    plan: (provider, d, request) => provider.planUninstall(d.ctx, d.record, { purge: request.purge === true }),
    words: { doing: 'uninstalling', done: 'uninstalled', preposition: 'from' },
  },
  stop: {
    capable: isStoppable,
    verb: 'be stopped',
    changes: true,
    plan: (provider, d, request) => (isStoppable(provider) ? provider.planStop(d.ctx, d.record, request.service) : Promise.reject(new Error('not stoppable'))),
    words: { doing: 'stopping', done: 'stopped', preposition: 'on' },
  },
  // Changes nothing by itself; the app hands the terminal to it (src/services/lifecycle/shell-session.ts).
  shell: { capable: hasShell, verb: 'open a shell', changes: false },
  start: {
    capable: isStartable,
    verb: 'be started',
    changes: true,
    plan: (provider, d, request) => (isStartable(provider) ? provider.planStart(d.ctx, d.record, request.service) : Promise.reject(new Error('not startable'))),
    words: { doing: 'starting', done: 'started', preposition: 'on' },
  },
};

/** The plan maker of an action that changes a deployment; undefined for read-only actions. */
export function planMaker(id: ActionId): ActionSpec['plan'] {
  return ACTIONS[id].plan;
}

/** The words of action `id` ("restarting" / "restarted" / "on"); a read-only action has none of its own. */
export function actionWords(id: ActionId): ActionWords {
  return ACTIONS[id].words ?? { doing: `${id}: running`, done: `${id}: done`, preposition: 'on' };
}

/** Why `provider` cannot take action `id`, or undefined when it can. */
export function incapable(id: ActionId, provider: Provider): string | undefined {
  const spec = ACTIONS[id];
  return spec.capable && !spec.capable(provider) ? `${provider.label} deployments cannot ${spec.verb} with this version of homelab-tui` : undefined;
}

const AVAILABLE: ActionAvailability = { available: true };

function unavailable(reason: string): ActionAvailability {
  return { available: false, reason };
}

/** What the table is computed from: the provider (absent when this build has none), the record and its state. */
export interface ActionFacts {
  provider: Provider | undefined;
  record: DeploymentRecord;
  status: DeploymentStatus;
  /** Set when the host did not answer or the provider is missing: nothing that touches the host is offered. */
  unreachable?: string;
}

/**
 * The action table of one deployment: each action is offered only when the provider has the
 * capability and the deployment is in a state to take it. The reasons are written here once.
 */
export function actionTable(facts: ActionFacts): ActionTable {
  const { provider, record, status } = facts;
  const blocked = facts.unreachable ?? (provider ? undefined : `this build has no ${record.provider} provider`);
  const interrupted = status.health === 'interrupted' ? `an interrupted ${record.operation?.kind ?? 'operation'} waits: run ${showCommand(['homelab-tui', 'undo', record.name])} or ${showCommand(['homelab-tui', 'resume', record.name])}` : undefined;
  const one = (id: ActionId): ActionAvailability => {
    const spec = ACTIONS[id];
    if (id === 'url') return record.urls.length > 0 ? AVAILABLE : unavailable(`${record.name} has no URL`);
    if (blocked || !provider) return unavailable(blocked ?? `this build has no ${record.provider} provider`);
    if (spec.changes && interrupted && !spec.finishesInterrupted) return unavailable(interrupted);
    const cannot = incapable(id, provider);
    return cannot ? unavailable(cannot) : AVAILABLE;
  };
  return Object.fromEntries(ACTION_IDS.map((id) => [id, one(id)])) as Record<ActionId, ActionAvailability>;
}
