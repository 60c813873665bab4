import type { StoreApi } from 'zustand/vanilla';
import type { OperationEvent } from '../platform/operation/operation-events.js';
import type { FailureChoice, PreparedWizardInstall, WizardBackend, WizardFormModel } from '../services/wizard/wizard-backend.js';
import type { AppDeps, AppState } from './app-store.js';
import type { Problem, WizardData } from './wizard-types.js';

/** What the wizard's actions keep outside the state: services, promises waiting for the user, timers. */
export interface WizardRuntime {
  backend?: WizardBackend;
  /** The questions model of the chosen app and provider. */
  model?: { key: string; model: WizardFormModel };
  prepared?: PreparedWizardInstall;
  /** Counts prepare() calls, so an answer for an abandoned one is dropped. */
  prepareSeq: number;
  hostKeyAnswers: ((accept: boolean) => void)[];
  passphraseAnswers: ((passphrase: string | undefined) => void)[];
  failureAnswer?: (choice: FailureChoice) => void;
  abort?: AbortController;
  /** Install events not drawn yet: the screen is updated at most every FLUSH_MS. */
  pending: OperationEvent[];
  flushTimer?: ReturnType<typeof setTimeout>;
}

/** Shared by the files that make up the wizard slice. */
export interface WizardContext {
  deps: AppDeps;
  rt: WizardRuntime;
  set: StoreApi<AppState>['setState'];
  get: StoreApi<AppState>['getState'];
  patch(partial: Partial<WizardData>): void;
}

/** An error as the wizard shows it: the message and, when the error has one, the hint. */
export function problemOf(error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error);
  const hint = (error as { hint?: unknown } | undefined)?.hint;
  return { message, ...(typeof hint === 'string' ? { hint } : {}) };
}
