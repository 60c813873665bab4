import type { StateCreator } from 'zustand/vanilla';
import { actionWords, type ActionId, type ChangeRequest } from '../services/lifecycle/action-table.js';
import { refKey, type DeploymentRef, type PreparedAction } from '../services/fleet/fleet-reading.js';
import { throttledProgress } from '../services/backup/backup-progress.js';
import { ENCRYPTED_EXT, WrongArchiveKey } from '../services/backup/archive-crypto.js';
import type { OperationEvent } from '../platform/operation/operation-events.js';
import type { AppDeps, AppState } from './app-store.js';
import { readingOf } from './details-slice.js';

/** A question before a dangerous action on one deployment; nothing happens until the user says yes. */
export interface Confirmation {
  action: ActionId;
  ref: DeploymentRef;
  request: ChangeRequest;
  title: string;
  detail?: string;
  /** The plan's steps in words, shown under the question (a restore). */
  plan?: string[];
  /** The plan made before asking: a yes applies exactly it. */
  prepared?: PreparedAction;
}

/** A line shown above the footer until dismissed: an outcome, a reason, or a URL to select and copy. */
export interface Notice {
  tone: 'info' | 'ok' | 'error';
  text: string;
  hint?: string;
}

/** An action running in the background on one deployment, with its latest progress. */
export interface RunningAction {
  action: ActionId;
  ref: DeploymentRef;
  label: string;
  progress?: string;
}

/** An encrypted archive waiting for its passphrase before its restore is planned (the passphrase itself never enters the store). */
export interface ArchiveKeyQuestion {
  ref: DeploymentRef;
  archive: string;
  /** The last passphrase given did not open it. */
  wrong: boolean;
}

/** Running actions by deployment (`refKey`): several deployments can each run one at a time. */
export type RunningActions = Readonly<Record<string, RunningAction>>;

/** Actions on deployments from the dashboard and details: any changing action (confirmed first), show/copy the URL. */
export interface ActionsSlice {
  confirm: Confirmation | undefined;
  running: RunningActions;
  notice: Notice | undefined;
  /** Asks the question; `answerConfirm(true)` runs the action. */
  askAction(confirmation: Confirmation): void;
  answerConfirm(yes: boolean): void;
  /** Runs a changing action on a deployment through the fleet source, tracking its progress. */
  runAction(action: ActionId, ref: DeploymentRef, request?: ChangeRequest, prepared?: PreparedAction): Promise<void>;
  /**
   * Verifies an archive and plans putting it back into the deployment, then asks with the plan;
   * nothing changes before a yes. An encrypted archive (`.age`) asks for its passphrase first.
   */
  askRestore(ref: DeploymentRef, archive: string, passphrase?: string): Promise<void>;
  archiveKey: ArchiveKeyQuestion | undefined;
  /** The passphrase typed for `archiveKey` (undefined: turned down); handed on, never kept. */
  answerArchiveKey(passphrase: string | undefined): void;
  showUrl(ref: DeploymentRef): void;
  /** Opens a shell where the deployment (or one service) runs; the app's screen is away until it ends. */
  openShell(ref: DeploymentRef, service?: string): Promise<void>;
  /** True while a shell has the terminal: the app draws nothing and reads no keys. */
  handedOver: boolean;
  showNotice(notice: Notice): void;
  dismissNotice(): void;
}

/** The running action of one deployment, if any. */
const isEncryptedName = (file: string): boolean => file.endsWith(ENCRYPTED_EXT);

export function runningOn(state: Pick<AppState, 'running'>, ref: DeploymentRef): RunningAction | undefined {
  return state.running[refKey(ref)];
}

export function createActionsSlice(deps: AppDeps): StateCreator<AppState, [], [], ActionsSlice> {
  return (set, get) => {
    const setRunning = (key: string, entry: RunningAction | undefined): void => {
      const { [key]: _gone, ...others } = get().running;
      set({ running: entry ? { ...others, [key]: entry } : others });
    };

    const runAction = async (action: ActionId, ref: DeploymentRef, request: ChangeRequest = {}, prepared?: PreparedAction): Promise<void> => {
      const words = actionWords(action);
      const what = request.service ? `${request.service} of ${ref.name}` : ref.name;
      const key = refKey(ref);
      const reading = readingOf(get(), ref);
      if (!reading) {
        set({ notice: { tone: 'error', text: `cannot ${action} ${what}: no answer from ${ref.host} yet` } });
        return;
      }
      const busy = get().running[key];
      if (busy) {
        set({ notice: { tone: 'info', text: `${busy.label}: wait until it ends` } });
        return;
      }
      const label = `${words.doing} ${what} ${words.preposition} ${ref.host}`;
      setRunning(key, { action, ref, label });
      set({ notice: undefined });
      const controller = new AbortController();
      let step = '';
      const show = (progress: string): void => setRunning(key, { action, ref, label, progress });
      // A backup or restore says what it is doing within a step (bytes written, the app stopped…).
      const detailed = action === 'backup' || action === 'restore';
      const onEvent = (event: OperationEvent): void => {
        if (event.type === 'step') show((step = `step ${event.index + 1}/${event.total}: ${event.title}`));
        // A restore's lines: the safety backup's bytes, stopping the app, each path, the dump, the health.
        else if (event.type === 'output' && action === 'restore') show(`${step}: ${event.line}`);
      };
      try {
        const outcome = prepared
          ? await prepared.apply({ signal: controller.signal, onEvent })
          : await deps.fleet.act(action, reading, {
              ...request,
              signal: controller.signal,
              onEvent,
              // Bytes and percent of the member being written, at most once per percent.
              ...(action === 'backup' ? { onProgress: throttledProgress(show, 1) } : {}),
            });
        set({ notice: { tone: outcome.ok ? 'ok' : 'error', text: outcome.message, ...(outcome.hint ? { hint: outcome.hint } : {}) } });
        const route = get().route;
        const here = route.name === 'details' && refKey(route.ref) === key;
        // The details of a deployment that is gone have nothing left to show: back to the list.
        if (outcome.ok && action === 'uninstall' && here) get().closeDetails();
        // A new archive (a backup, a restore's safety backup) shows in the details' list.
        else if (detailed && here) get().reloadDetails();
      } catch (error) {
        const hint = (error as { hint?: unknown }).hint;
        set({ notice: { tone: 'error', text: `${action} of ${what} failed: ${error instanceof Error ? error.message : String(error)}`, ...(typeof hint === 'string' ? { hint } : {}) } });
      } finally {
        setRunning(key, undefined);
        // A refresh that started before the action would show the old state: drop it and read again.
        get().invalidateHost(ref.host);
      }
    };

    return {
      confirm: undefined,
      running: {},
      notice: undefined,
      askAction: (confirmation) => set({ confirm: confirmation }),
      answerConfirm: (yes) => {
        const confirm = get().confirm;
        set({ confirm: undefined });
        if (yes && confirm) void runAction(confirm.action, confirm.ref, confirm.request, confirm.prepared);
        else void confirm?.prepared?.discard?.();
      },
      archiveKey: undefined,
      answerArchiveKey: (passphrase) => {
        const question = get().archiveKey;
        set({ archiveKey: undefined });
        if (question && passphrase !== undefined) void get().askRestore(question.ref, question.archive, passphrase);
      },
      runAction,
      askRestore: async (ref, archive, passphrase) => {
        const key = refKey(ref);
        const reading = readingOf(get(), ref);
        const file = archive.split('/').pop() ?? archive;
        if (!reading || !deps.fleet.prepareRestore) {
          set({ notice: { tone: 'error', text: reading ? 'this build restores from the command line only' : `cannot restore ${ref.name}: no answer from ${ref.host} yet` } });
          return;
        }
        const busy = get().running[key];
        if (busy) {
          set({ notice: { tone: 'info', text: `${busy.label}: wait until it ends` } });
          return;
        }
        if (passphrase === undefined && isEncryptedName(file)) {
          set({ archiveKey: { ref, archive, wrong: false }, notice: undefined });
          return;
        }
        setRunning(key, { action: 'restore', ref, label: `checking ${file} for ${ref.name}`, progress: `${passphrase !== undefined ? 'decrypting, then ' : ''}re-hashing every member, then the plan` });
        set({ notice: undefined });
        try {
          const prepared = await deps.fleet.prepareRestore(reading, archive, passphrase);
          set({
            confirm: {
              action: 'restore',
              ref,
              request: {},
              title: `Restore ${ref.name} on ${ref.host} from ${file}?`,
              detail: `Its data is replaced by the archive's (verified: every member matches its sha256); a safety backup of what it holds now comes first. The plan:`,
              plan: prepared.plan,
              prepared,
            },
          });
        } catch (error) {
          // A passphrase that does not open it is asked for again.
          if (error instanceof WrongArchiveKey) return void set({ archiveKey: { ref, archive, wrong: true } });
          const hint = (error as { hint?: unknown }).hint;
          set({ notice: { tone: 'error', text: `restore of ${ref.name} from ${file}: ${error instanceof Error ? error.message : String(error)}`, ...(typeof hint === 'string' ? { hint } : {}) } });
        } finally {
          setRunning(key, undefined);
        }
      },
      showUrl: (ref) => {
        const urls = readingOf(get(), ref)?.record.urls ?? [];
        if (urls.length === 0) {
          set({ notice: { tone: 'info', text: `${ref.name} has no URL` } });
          return;
        }
        const copied = deps.fleet.copyText(urls.join('\n'));
        set({ notice: { tone: 'info', text: urls.join('  '), hint: copied ? 'copied to the clipboard (OSC 52); select it with the mouse if your terminal ignores that' : 'select it with the mouse to copy' } });
      },
      handedOver: false,
      openShell: async (ref, service) => {
        const what = service ? `${service} of ${ref.name}` : ref.name;
        const reading = readingOf(get(), ref);
        if (!reading) {
          set({ notice: { tone: 'error', text: `cannot open a shell in ${what}: no answer from ${ref.host} yet` } });
          return;
        }
        set({ notice: { tone: 'info', text: `opening a shell in ${what} on ${ref.host}…` } });
        try {
          const outcome = await deps.fleet.shell(reading, {
            ...(service ? { service } : {}),
            handOver: async (work) => {
              set({ handedOver: true });
              try {
                return await deps.handOver(work);
              } finally {
                set({ handedOver: false });
              }
            },
          });
          set({ notice: { tone: outcome.ok ? 'info' : 'error', text: outcome.message } });
        } catch (error) {
          const hint = (error as { hint?: unknown }).hint;
          set({ notice: { tone: 'error', text: `cannot open a shell in ${what}: ${error instanceof Error ? error.message : String(error)}`, ...(typeof hint === 'string' ? { hint } : {}) } });
        }
      },
      showNotice: (notice) => set({ notice }),
      dismissNotice: () => set({ notice: undefined }),
    };
  };
}
