import type { PreflightItem } from '../providers/provider.js';
import type { OperationEvent } from '../platform/operation/operation-events.js';
import type { FormState } from '../services/wizard/form-model.js';
import type { DefaultsChange } from '../services/wizard/wizard-backend.js';
import type { WizardContext } from './wizard-context.js';
import { problemOf } from './wizard-context.js';
import { applyEvents } from './install-events.js';
import { editSets } from './wizard-edit.js';
import type { InstallData, PreflightData } from './wizard-types.js';

/** Preflight, review, the install with its recovery menu, and saving the answers as defaults. */
export interface InstallActions {
  /** Prepares the install (plan and preflight) from the answers; nothing changes on the host. */
  runPreflight(): Promise<void>;
  /** Enter on preflight: on to the review, unless a check failed (warnings are accepted here). */
  continueFromPreflight(): void;
  startInstall(): Promise<void>;
  /** Stops a running install (or one waiting for a recovery choice) and undoes what it created. */
  stopInstall(): void;
  chooseRecovery(choice: RecoveryChoice): void;
  /** Shows what saving the answers as this app's defaults would change. */
  reviewDefaults(): Promise<void>;
  saveDefaults(): Promise<void>;
  closeDefaults(): void;
}

/** The recovery menu: retry the step, undo and retry with doubled memory and disk, keep, or remove. */
export type RecoveryChoice = 'retry' | 'grow' | 'keep' | 'undo';

/** Install screens repaint at most this often, however fast output arrives (smooth over SSH). */
export const FLUSH_MS = 100;

function defaultsChange(state: FormState): DefaultsChange {
  return { values: state.repeatable, active: Object.keys(state.answers) };
}

export function createInstallActions(ctx: WizardContext): InstallActions {
  const { deps, rt, get, patch } = ctx;

  const setInstall = (change: Partial<InstallData>): void => {
    const install = get().wizard.install;
    if (install) patch({ install: { ...install, ...change } });
  };

  const flush = (): void => {
    if (rt.flushTimer) clearTimeout(rt.flushTimer);
    rt.flushTimer = undefined;
    const events = rt.pending.splice(0);
    const install = get().wizard.install;
    if (install && events.length > 0) patch({ install: applyEvents(install, events) });
  };

  const onEvent = (event: OperationEvent): void => {
    rt.pending.push(event);
    rt.flushTimer ??= setTimeout(flush, FLUSH_MS);
  };

  const actions: InstallActions = {
    runPreflight: async () => {
      const { wizard } = get();
      const form = wizard.form;
      if (!rt.backend || !form || !wizard.app || !wizard.host || !wizard.provider) return;
      const seq = ++rt.prepareSeq;
      rt.prepared = undefined;
      patch({ step: 'preflight', preflight: { status: 'running', items: [], blocked: true, planText: '', creates: [], credentials: [], answersFile: '', commandLine: '' } });
      // Checks the wizard made itself come first: the database login and public names.
      const own: PreflightItem[] = [
        ...(form.database?.ok ? [{ status: 'ok' as const, label: form.database.message }] : []),
        ...Object.values(form.warnings).map((w) => ({ status: 'warn' as const, label: w, hint: 'the app still installs; only that name will not reach it yet' })),
      ];
      try {
        const edit = wizard.edit;
        const prepared =
          edit && rt.backend.prepareReconfigure
            ? await rt.backend.prepareReconfigure({ host: edit.host, name: edit.name, sets: editSets(form.edited, edit.prefill) })
            : await rt.backend.prepare({ app: wizard.app, host: wizard.host, provider: wizard.provider, name: form.state.name, sets: form.state.sets, repeatable: form.state.repeatable });
        if (seq !== rt.prepareSeq) return;
        rt.prepared = prepared;
        const { preflight, blocked, planText, creates, credentials, answersFile, commandLine } = prepared;
        patch({ preflight: { status: 'done', items: [...own, ...preflight], blocked, planText, creates, credentials, answersFile, commandLine } });
      } catch (error) {
        if (seq !== rt.prepareSeq) return;
        const failed: PreflightData = { status: 'failed', items: own, blocked: true, planText: '', creates: [], credentials: [], answersFile: '', commandLine: '', error: problemOf(error) };
        patch({ preflight: failed });
      }
    },
    continueFromPreflight: () => {
      const { preflight } = get().wizard;
      if (preflight?.status === 'done' && !preflight.blocked && rt.prepared) patch({ step: 'review' });
    },
    startInstall: async () => {
      const prepared = rt.prepared;
      if (!prepared || get().wizard.install?.phase === 'running') return;
      rt.abort = new AbortController();
      patch({ step: 'install', install: { phase: 'running', index: 0, total: 0, title: 'Starting', percent: 0, startedAt: deps.now(), log: [] } });
      const outcome = await prepared
        .apply({
          onEvent,
          signal: rt.abort.signal,
          onFailure: (failure) =>
            new Promise((resolve) => {
              flush();
              rt.failureAnswer = resolve;
              setInstall({ phase: 'failed', failure });
            }),
        })
        .catch((error: unknown) => ({ status: 'failed' as const, urls: [], failure: { step: 0, title: 'Prepare the install', ...problemOf(error) } }));
      flush();
      rt.failureAnswer = undefined;
      const regrow = get().wizard.install?.regrow;
      setInstall({ phase: 'finished', outcome, endedAt: deps.now() });
      if (outcome.status === 'succeeded') void get().showInstalled(get().wizard.host);
      if (regrow && outcome.status === 'undone') {
        // More memory and disk make a new plan: preflight again, then review, then install.
        get().editFields(regrow);
        patch({ install: undefined });
        await actions.runPreflight();
      }
    },
    stopInstall: () => {
      const install = get().wizard.install;
      if (!install || install.phase === 'finished') return;
      setInstall({ phase: 'stopping' });
      if (rt.failureAnswer) {
        rt.failureAnswer('undo');
        rt.failureAnswer = undefined;
      } else rt.abort?.abort(new Error('stopped by the user'));
    },
    chooseRecovery: (choice) => {
      const install = get().wizard.install;
      const answer = rt.failureAnswer;
      if (!install || install.phase !== 'failed' || !answer) return;
      const grow = get().wizard.form?.state.grow ?? {};
      if (choice === 'grow' && Object.keys(grow).length === 0) return;
      rt.failureAnswer = undefined;
      setInstall({ phase: 'running', failure: undefined, ...(choice === 'grow' ? { regrow: grow } : {}) });
      answer(choice === 'grow' ? 'undo' : choice);
    },
    reviewDefaults: async () => {
      const { wizard } = get();
      if (!rt.backend || !wizard.app || !wizard.form || !wizard.install) return;
      setInstall({ defaults: { status: 'loading', changes: [] } });
      try {
        setInstall({ defaults: { status: 'review', changes: await rt.backend.defaultsDiff(wizard.app, defaultsChange(wizard.form.state)) } });
      } catch (error) {
        setInstall({ defaults: { status: 'failed', changes: [], error: problemOf(error) } });
      }
    },
    saveDefaults: async () => {
      const { wizard } = get();
      const defaults = wizard.install?.defaults;
      if (!rt.backend || !wizard.app || !wizard.form || defaults?.status !== 'review') return;
      setInstall({ defaults: { ...defaults, status: 'saving' } });
      try {
        const path = await rt.backend.saveDefaults(wizard.app, defaultsChange(wizard.form.state));
        setInstall({ defaults: { ...defaults, status: 'saved', path } });
      } catch (error) {
        setInstall({ defaults: { ...defaults, status: 'failed', error: problemOf(error) } });
      }
    },
    closeDefaults: () => setInstall({ defaults: undefined }),
  };
  return actions;
}
