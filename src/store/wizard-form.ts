import type { ProviderId } from '../platform/recipe/provider-ids.js';
import type { WizardContext } from './wizard-context.js';
import { problemOf } from './wizard-context.js';
import { withoutLineBreaks } from './wizard-hosts.js';
import { ADVANCED_ROW, CONTINUE_ROW, type FormData } from './wizard-types.js';

/** The provider step and the questions screen. */
export interface FormActions {
  chooseProvider(id: ProviderId): Promise<void>;
  editField(id: string, text: string): void;
  /** Sets several fields at once (the recovery menu's doubled memory and disk). */
  editFields(edits: Readonly<Record<string, string>>): void;
  /** ↑/↓/Tab: the previous or next row (fields, the Advanced toggle, Continue). */
  moveFocus(delta: number): void;
  /** ←/→ on a choice: the previous or next value. */
  cycleChoice(delta: number): void;
  toggleAdvanced(): void;
  /** Enter: accept this field and go to the next; on Advanced, toggle; on Continue, submit. */
  confirmField(): void;
  /** Checks everything (an existing database is tested from the host) and runs preflight. */
  submitForm(): Promise<void>;
}

/** The rows the focus moves through, in screen order. */
export function formRows(form: FormData): string[] {
  const hasAdvanced = form.showAdvanced || form.state.advancedHidden > 0;
  return [...form.state.fields.map((f) => f.id), ...(hasAdvanced ? [ADVANCED_ROW] : []), CONTINUE_ROW];
}

export function createFormActions(ctx: WizardContext): FormActions {
  const { rt, get, patch } = ctx;

  const facts = () => {
    const { wizard } = get();
    const check = wizard.hosts.find((h) => h.name === wizard.host)?.check;
    return check?.ok ? check.facts : undefined;
  };

  /** Re-evaluates the questions for a changed form and stores it. */
  const update = (change: Partial<FormData>): void => {
    const form = get().wizard.form;
    const model = rt.model?.model;
    if (!form || !model) return;
    const next = { ...form, ...change };
    const hostFacts = facts();
    patch({ form: { ...next, state: model.evaluate({ edited: next.edited, showAdvanced: next.showAdvanced, ...(hostFacts ? { facts: hostFacts } : {}) }) } });
  };

  const checkPublicName = (id: string): void => {
    const { wizard } = get();
    const name = wizard.form?.state.fields.find((f) => f.id === id)?.publicName;
    if (!name || !wizard.host || !rt.backend) return;
    const host = wizard.host;
    void rt.backend.checkPublicName(host, name).then(
      (warning) => {
        const form = get().wizard.form;
        // Dropped when the field changed meanwhile.
        if (!form || form.state.fields.find((f) => f.id === id)?.publicName !== name) return;
        const warnings = { ...form.warnings };
        if (warning) warnings[id] = warning;
        else delete warnings[id];
        patch({ form: { ...form, warnings } });
      },
      () => undefined,
    );
  };

  const actions: FormActions = {
    chooseProvider: async (id) => {
      const { wizard } = get();
      const option = wizard.providers.find((p) => p.id === id);
      if (!rt.backend || !wizard.app || !option || option.disabledReason) return;
      const key = `${wizard.app}/${id}`;
      patch({ provider: id, step: 'questions' });
      try {
        if (rt.model?.key !== key || !wizard.form) {
          rt.model = { key, model: await rt.backend.form(wizard.app, id) };
          // What was typed for another provider stays: questions with the same id keep their text.
          const previous = get().wizard.form;
          const empty: Omit<FormData, 'state'> = { edited: previous?.edited ?? {}, showAdvanced: false, focus: '', warnings: {}, showMissing: false, submitting: false };
          patch({ form: { ...empty, state: rt.model.model.evaluate({ edited: empty.edited, showAdvanced: false }) } });
          update({ focus: get().wizard.form?.state.fields[0]?.id ?? CONTINUE_ROW });
        } else update({});
      } catch (error) {
        patch({ step: 'provider', error: problemOf(error) });
      }
    },
    editField: (id, text) => {
      const form = get().wizard.form;
      // Edit mode: a field that cannot change in place stays as it is.
      if (!form || get().wizard.edit?.fixed[id] !== undefined) return;
      const warnings = { ...form.warnings };
      delete warnings[id];
      update({ edited: { ...form.edited, [id]: withoutLineBreaks(text) }, warnings, ...(id.startsWith('db_') ? { database: undefined } : {}) });
    },
    editFields: (edits) => {
      const form = get().wizard.form;
      if (form) update({ edited: { ...form.edited, ...edits } });
    },
    moveFocus: (delta) => {
      const form = get().wizard.form;
      if (!form) return;
      const rows = formRows(form);
      const at = Math.max(rows.indexOf(form.focus), 0);
      patch({ form: { ...form, focus: rows[(at + delta + rows.length) % rows.length] ?? CONTINUE_ROW } });
    },
    cycleChoice: (delta) => {
      const form = get().wizard.form;
      const field = form?.state.fields.find((f) => f.id === form.focus);
      if (!field || field.input !== 'choice') return;
      const at = field.choices.findIndex((c) => c.value === field.text);
      const next = field.choices[(at + delta + field.choices.length) % field.choices.length];
      if (next) actions.editField(field.id, next.value);
    },
    toggleAdvanced: () => {
      const form = get().wizard.form;
      if (form) update({ showAdvanced: !form.showAdvanced, focus: ADVANCED_ROW });
    },
    confirmField: () => {
      const form = get().wizard.form;
      if (!form || form.submitting) return;
      if (form.focus === ADVANCED_ROW) return actions.toggleAdvanced();
      if (form.focus === CONTINUE_ROW) return void actions.submitForm();
      const field = form.state.fields.find((f) => f.id === form.focus);
      if (!field) return;
      if (field.error) return;
      if (field.missing) return patch({ form: { ...form, showMissing: true } });
      checkPublicName(field.id);
      // Enter walks the fields and then Continue, stepping over the Advanced toggle: pressing Enter
      // through the defaults never opens the advanced settings by surprise.
      const fields = form.state.fields.map((f) => f.id);
      const next = fields[fields.indexOf(field.id) + 1] ?? CONTINUE_ROW;
      patch({ form: { ...form, focus: next } });
    },
    submitForm: async () => {
      const { wizard } = get();
      const form = wizard.form;
      if (!form || form.submitting || !rt.backend || !wizard.host) return;
      if (!form.state.valid) {
        // Show what is wrong, opening the advanced settings when the problem hides there.
        const first = form.state.fields.find((f) => f.error || f.missing);
        if (first) return patch({ form: { ...form, showMissing: true, focus: first.id } });
        return update({ showMissing: true, showAdvanced: true, focus: ADVANCED_ROW });
      }
      for (const field of form.state.fields) if (field.publicName) checkPublicName(field.id);
      patch({ form: { ...form, submitting: true, database: undefined } });
      try {
        const database = await rt.backend.testDatabase(wizard.host, form.state.answers);
        const current = get().wizard.form;
        if (!current) return;
        patch({ form: { ...current, submitting: false, database } });
        if (database && !database.ok) return;
      } catch (error) {
        const current = get().wizard.form;
        if (current) patch({ form: { ...current, submitting: false, database: { ok: false, message: problemOf(error).message, hint: problemOf(error).hint ?? '' } } });
        return;
      }
      await get().runPreflight();
    },
  };
  return actions;
}
