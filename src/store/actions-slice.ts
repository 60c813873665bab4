import type { StateCreator } from 'zustand/vanilla';
import { refKey, type DeploymentRef } from '../services/fleet/fleet-reading.js';
import type { AppDeps, AppState } from './app-store.js';
import { readingOf } from './details-slice.js';

/** A question before a dangerous action; nothing happens until the user says yes. */
export interface Confirmation {
  title: string;
  detail?: string;
  action: { kind: 'restart'; ref: DeploymentRef; service?: string };
}

/** A line shown above the footer until dismissed: an outcome, a reason, or a URL to select and copy. */
export interface Notice {
  tone: 'info' | 'ok' | 'error';
  text: string;
  hint?: string;
}

/** An action running in the background, with its latest progress. */
export interface RunningAction {
  key: string;
  label: string;
  progress?: string;
}

/** Actions on deployments from the dashboard and details: restart (confirmed), show/copy the URL. */
export interface ActionsSlice {
  confirm: Confirmation | undefined;
  running: RunningAction | undefined;
  notice: Notice | undefined;
  askRestart(ref: DeploymentRef, service?: string): void;
  answerConfirm(yes: boolean): void;
  showUrl(ref: DeploymentRef): void;
  showNotice(notice: Notice): void;
  dismissNotice(): void;
}

export function createActionsSlice(deps: AppDeps): StateCreator<AppState, [], [], ActionsSlice> {
  return (set, get) => {
    const restart = async (ref: DeploymentRef, service: string | undefined): Promise<void> => {
      const what = service ? `${service} of ${ref.name}` : ref.name;
      const reading = readingOf(get(), ref);
      if (!reading) {
        set({ notice: { tone: 'error', text: `cannot restart ${what}: no answer from ${ref.host} yet` } });
        return;
      }
      set({ running: { key: refKey(ref), label: `restarting ${what} on ${ref.host}` }, notice: undefined });
      const controller = new AbortController();
      try {
        const outcome = await deps.fleet.restart(reading, {
          ...(service ? { service } : {}),
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type === 'step') set({ running: { key: refKey(ref), label: `restarting ${what} on ${ref.host}`, progress: `step ${event.index + 1}/${event.total}: ${event.title}` } });
          },
        });
        set({ notice: { tone: outcome.ok ? 'ok' : 'error', text: outcome.message, ...(outcome.hint ? { hint: outcome.hint } : {}) } });
      } catch (error) {
        const hint = (error as { hint?: unknown }).hint;
        set({ notice: { tone: 'error', text: `restart of ${what} failed: ${error instanceof Error ? error.message : String(error)}`, ...(typeof hint === 'string' ? { hint } : {}) } });
      } finally {
        set({ running: undefined });
        // A refresh that started before the restart would show the old state: drop it and read again.
        get().invalidateHost(ref.host);
      }
    };

    return {
      confirm: undefined,
      running: undefined,
      notice: undefined,
      askRestart: (ref, service) => {
        const what = service ? `service ${service} of ${ref.name}` : `${ref.name} (every service)`;
        set({ confirm: { title: `Restart ${what} on ${ref.host}?`, detail: 'It stops and starts again; it is unavailable meanwhile.', action: { kind: 'restart', ref, ...(service ? { service } : {}) } } });
      },
      answerConfirm: (yes) => {
        const confirm = get().confirm;
        set({ confirm: undefined });
        if (yes && confirm?.action.kind === 'restart') void restart(confirm.action.ref, confirm.action.service);
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
      showNotice: (notice) => set({ notice }),
      dismissNotice: () => set({ notice: undefined }),
    };
  };
}
