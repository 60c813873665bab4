import type { PreflightItem } from '../../providers/provider.js';
import type { AnswerChange } from '../answers/saved-answers.js';
import type { Answers } from '../../platform/recipe/answer-value.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import type { HostCheck } from '../hosts/check-hosts.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { FailureChoice, StepFailure } from '../lifecycle/apply.js';
import type { OperationEvent, OperationStatus } from '../../platform/operation/operation-events.js';
import type { DatabaseCheck } from './database-check.js';
import type { FormInput, FormState } from './form-model.js';
import type { ProviderOption } from './provider-options.js';

/** An app the wizard offers. */
export interface AppChoice {
  id: string;
  name: string;
  description: string;
}

/** An inventory host the wizard offers (`local` included). */
export interface HostChoice {
  name: string;
  kind: 'local' | 'ssh';
  /** What the inventory says (an address or an ssh config alias); empty for `local`. */
  address: string;
}

/** A host to add to the inventory from the wizard. */
export interface NewHostInput {
  name: string;
  address: string;
  port?: number;
  user?: string;
}

/** The questions screen of one app on one provider: pure and synchronous, so it can run on every key. */
export interface WizardFormModel {
  evaluate(input: FormInput): FormState;
}

/** What the wizard asks the pipeline to install. */
export interface WizardRequest {
  app: string;
  host: string;
  provider: ProviderId;
  name: string;
  /** `id=text` of what the user changed, parsed by the same code as the CLI's --set. */
  sets: readonly string[];
  /** Non-secret answers that differ from the recipe's defaults, for the one-line CLI command. */
  repeatable: Readonly<Record<string, string>>;
}

/** An install's answers as new defaults: the non-default values, and every question it answered. */
export interface DefaultsChange {
  values: Readonly<Record<string, string>>;
  /** Ids of the questions this install answered (a saved value of one of them not in `values` goes). */
  active: readonly string[];
}

export type { FailureChoice, StepFailure } from '../lifecycle/apply.js';

/** How the store follows and steers an install. */
export interface InstallHandlers {
  onEvent(event: OperationEvent): void;
  /** Aborting undoes what was created. */
  signal: AbortSignal;
  /** Asked after each failed step; resolves with the user's choice. */
  onFailure(failure: StepFailure): Promise<FailureChoice>;
}

/** How an install ended. */
export interface InstallOutcome {
  status: OperationStatus;
  urls: string[];
  logPath?: string;
  failure?: StepFailure;
  /** A reconfigure: how long the app may not have answered (the steps that recreate it, until healthy), in ms. */
  interruptionMs?: number;
}

/** An install ready for review: preflight, the plan as `homelab-tui plan` prints it, and how to apply it. */
export interface PreparedWizardInstall {
  preflight: PreflightItem[];
  /** A ✗ item: apply would be refused. */
  blocked: boolean;
  planText: string;
  /** What the install creates on the host, in words. */
  creates: string[];
  /** Files on the host holding secrets (mode 0600). */
  credentials: string[];
  /** Where the answers file (no secrets) is written when the install starts. */
  answersFile: string;
  /** The unattended equivalent: `homelab-tui install APP --host H --provider P --set … --yes`. */
  commandLine: string;
  apply(handlers: InstallHandlers): Promise<InstallOutcome>;
}

/**
 * The install wizard's view of services (catalog, inventory, host checks, answers, the install
 * pipeline). The store calls it; the CLI's composition root builds it once the wizard opens.
 */
export interface WizardBackend {
  apps(): AppChoice[];
  hosts(): HostChoice[];
  /** Connects, checks the host key (asking the UI about a new one) and probes what the host can run. */
  checkHost(name: string): Promise<HostCheck>;
  /** Adds a host to the inventory file; a UserError says what is wrong with the input. */
  addHost(input: NewHostInput): Promise<HostChoice>;
  providers(app: string, facts: HostFacts): ProviderOption[];
  /** The questions of an app on a provider, with the user's saved defaults for it. */
  form(app: string, provider: ProviderId): Promise<WizardFormModel>;
  /** A warning when a public name does not resolve to the host; undefined when it does. */
  checkPublicName(host: string, name: string): Promise<string | undefined>;
  /** Tests an existing database server from the host; undefined when the answers name none. */
  testDatabase(host: string, answers: Answers): Promise<DatabaseCheck | undefined>;
  prepare(request: WizardRequest): Promise<PreparedWizardInstall>;
  /** What saving this install's answers as the app's defaults would change, secrets masked. */
  defaultsDiff(app: string, change: DefaultsChange): Promise<AnswerChange[]>;
  /** Saves them; returns the file. */
  saveDefaults(app: string, change: DefaultsChange): Promise<string>;
  /** Edit mode: a change of a deployment's answers (`id=text`), reviewed and applied as a reconfigure. */
  prepareReconfigure?(request: { host: string; name: string; sets: readonly string[] }): Promise<PreparedWizardInstall>;
  /** Edit mode: the questions that cannot change in place, each with why (shown fixed). */
  editFixed?(app: string, provider: ProviderId): Record<string, string>;
}
