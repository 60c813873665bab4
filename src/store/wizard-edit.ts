import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import type { WizardBackend } from '../services/wizard/wizard-backend.js';
import { NAME_FIELD } from '../services/wizard/name-field.js';
import type { WizardContext } from './wizard-context.js';
import { problemOf } from './wizard-context.js';
import { CONTINUE_ROW, closedWizard, type FormData } from './wizard-types.js';

/** The wizard in edit mode: which deployment, and the texts it was pre-filled with (its current answers). */
export interface EditTarget {
  name: string;
  host: string;
  prefill: Readonly<Record<string, string>>;
  /** Fields that cannot change in place, each with why: shown fixed, typing in them does nothing. */
  fixed: Readonly<Record<string, string>>;
}

function textOf(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The form's texts for a deployment's current answers (secrets are not in records: they stay as they are). */
export function prefillOf(record: DeploymentRecord): Record<string, string> {
  return { [NAME_FIELD]: record.name, ...Object.fromEntries(Object.entries(record.answers).filter(([, v]) => v !== undefined && v !== null).map(([id, v]) => [id, textOf(v)])) };
}

/** `id=text` of every field whose text differs from what it was pre-filled with (the reconfigure's --set). */
export function editSets(edited: Readonly<Record<string, string>>, prefill: Readonly<Record<string, string>>): string[] {
  return Object.entries(edited)
    .filter(([id, text]) => id !== NAME_FIELD && text !== prefill[id])
    .map(([id, text]) => `${id}=${text}`);
}

/**
 * Opens the wizard on the settings of an existing deployment, pre-filled with its current answers;
 * Continue prepares a reconfigure (its review is the diff), and its install step applies it.
 */
export async function openEditWizard(ctx: WizardContext, loadBackend: () => Promise<WizardBackend>, record: DeploymentRecord, host: string): Promise<void> {
  const { rt, set, patch } = ctx;
  const edit: EditTarget = { name: record.name, host, prefill: prefillOf(record), fixed: { [NAME_FIELD]: "the deployment's name" } };
  set({ route: { name: 'wizard' }, helpOpen: false, wizard: { ...closedWizard, status: 'loading', edit } });
  rt.model = undefined;
  rt.prepared = undefined;
  try {
    rt.backend ??= await loadBackend();
    if (!rt.backend.prepareReconfigure) throw new Error('this build cannot reconfigure from the wizard');
    const model = await rt.backend.form(record.app, record.provider);
    rt.model = { key: `${record.app}/${record.provider}`, model };
    const state = model.evaluate({ edited: edit.prefill, showAdvanced: false });
    const fixed = { ...edit.fixed, ...(rt.backend.editFixed?.(record.app, record.provider) ?? {}) };
    const focus = state.fields.find((f) => fixed[f.id] === undefined)?.id ?? CONTINUE_ROW;
    const form: FormData = { edited: { ...edit.prefill }, showAdvanced: false, focus, warnings: {}, showMissing: false, submitting: false, state };
    patch({ status: 'ready', app: record.app, host, provider: record.provider, step: 'questions', form, edit: { ...edit, fixed } });
  } catch (error) {
    patch({ status: 'failed', error: problemOf(error) });
  }
}
