import type { PreflightItem } from '../providers/provider.js';

export type { PreflightItem };
import type { AnswerChange } from '../services/answers/saved-answers.js';
import type { ProviderId } from '../platform/recipe/provider-ids.js';
import type { HostCheck } from '../services/hosts/check-hosts.js';
import type { NewHostKeyRequest, PassphraseRequest } from '../platform/ssh/interaction.js';
import type { DatabaseCheck } from '../services/wizard/database-check.js';
import type { FormState } from '../services/wizard/form-model.js';
import type { ProviderOption } from '../services/wizard/provider-options.js';
import type { AppChoice, HostChoice, InstallOutcome, PreparedWizardInstall, StepFailure } from '../services/wizard/wizard-backend.js';

/** The wizard's steps in order; the header shows "Step n/N" from this list. */
export const WIZARD_STEPS = ['app', 'host', 'provider', 'questions', 'preflight', 'review', 'install'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const STEP_TITLES: Record<WizardStep, string> = {
  app: 'Choose an app',
  host: 'Choose a host',
  provider: 'Choose how to run it',
  questions: 'Settings',
  preflight: 'Preflight checks',
  review: 'Review the plan',
  install: 'Install',
};

/** A message and what to do about it. */
export interface Problem {
  message: string;
  hint?: string;
}

/** A host on the host step with its live check. */
export interface HostRow extends HostChoice {
  checking: boolean;
  check?: HostCheck;
}

/** The inline "add a host" form. */
export interface AddHostForm {
  values: { name: string; address: string; port: string; user: string };
  focus: number;
  saving: boolean;
  error?: Problem;
}

/** Focus on the questions screen: a field id, the Advanced toggle, or Continue. */
export type FormFocus = string;
export const ADVANCED_ROW = '#advanced';
export const CONTINUE_ROW = '#continue';

/** The questions screen as typed so far. */
export interface FormData {
  edited: Record<string, string>;
  showAdvanced: boolean;
  focus: FormFocus;
  state: FormState;
  /** Public names that do not resolve to the host, by field id (warnings, not errors). */
  warnings: Record<string, string>;
  /** Show "needs a value" on empty required fields: after the user tried to go on. */
  showMissing: boolean;
  /** The last test of an existing database server, from the host. */
  database?: DatabaseCheck;
  submitting: boolean;
}

/** Preflight and the prepared plan for review (the prepared install's facts, while they arrive). */
export interface PreflightData extends Pick<PreparedWizardInstall, 'blocked' | 'planText' | 'creates' | 'credentials' | 'answersFile' | 'commandLine'> {
  status: 'running' | 'done' | 'failed';
  items: PreflightItem[];
  error?: Problem;
}

/** Saving the answers as the app's defaults, after a look at the diff. */
export interface DefaultsData {
  status: 'loading' | 'review' | 'saving' | 'saved' | 'failed';
  changes: AnswerChange[];
  path?: string;
  error?: Problem;
}

/** The install as it runs and ends. */
export interface InstallData {
  phase: 'running' | 'failed' | 'stopping' | 'finished';
  index: number;
  total: number;
  title: string;
  percent: number;
  startedAt: number;
  endedAt?: number;
  /** The last lines of output (bounded). */
  log: string[];
  /** The step that failed, while the recovery menu waits for a choice. */
  failure?: StepFailure;
  outcome?: InstallOutcome;
  /** Undo then preflight again with these memory/disk answers ("retry with more memory or disk"). */
  regrow?: Record<string, string>;
  defaults?: DefaultsData;
}

/** A question the wizard is asking over the current step. */
export type ConfirmKind = 'quit' | 'stop';

/** Everything the wizard shows; Back keeps all of it. */
export interface WizardData {
  status: 'closed' | 'loading' | 'ready' | 'failed';
  error?: Problem;
  /** Opened because nothing is deployed and there is no inventory. */
  firstRun: boolean;
  step: WizardStep;
  apps: AppChoice[];
  app?: string;
  hosts: HostRow[];
  host?: string;
  /** The host just added inline: the list starts on it. */
  lastAdded?: string;
  addingHost?: AddHostForm;
  /** New host keys waiting for a yes or no, first shown. */
  hostKeys: NewHostKeyRequest[];
  /** Encrypted identity files waiting for their passphrase, first shown. */
  passphrases: PassphraseRequest[];
  providers: ProviderOption[];
  provider?: ProviderId;
  form?: FormData;
  preflight?: PreflightData;
  install?: InstallData;
  confirm?: ConfirmKind;
  /** Edit mode (`e` on a deployment): its settings pre-filled; Continue prepares a reconfigure. */
  edit?: { name: string; host: string; prefill: Readonly<Record<string, string>>; fixed: Readonly<Record<string, string>> };
}

export const closedWizard: WizardData = {
  status: 'closed',
  firstRun: false,
  step: 'app',
  apps: [],
  hosts: [],
  hostKeys: [],
  passphrases: [],
  providers: [],
};
