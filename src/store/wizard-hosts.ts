import type { WizardContext } from './wizard-context.js';
import { problemOf } from './wizard-context.js';
import type { AddHostForm, HostRow } from './wizard-types.js';
import { HOST_FIELDS, hostInputOf, withoutLineBreaks } from './host-form.js';

export { withoutLineBreaks } from './host-form.js';

/** The host step: live checks, choosing a host, adding one inline, and new host keys. */
export interface HostActions {
  /** Checks every host again (all at once; the pool limits connections). */
  recheckHosts(): void;
  chooseHost(name: string): void;
  startAddHost(): void;
  editNewHost(field: keyof AddHostForm['values'], text: string): void;
  moveNewHostFocus(delta: number): void;
  /** Enter in the form: the next field, or on the last one, add the host and check it. */
  confirmNewHostField(): Promise<void>;
  /** Trusts (and remembers) or refuses the first new host key waiting for an answer. */
  answerHostKey(accept: boolean): void;
  /** The passphrase of the first encrypted key waiting for one; undefined: do not use that key. */
  answerPassphrase(passphrase: string | undefined): void;
}

export const NEW_HOST_FIELDS = HOST_FIELDS;

export function createHostActions(ctx: WizardContext): HostActions {
  const { rt, get, patch } = ctx;

  const updateRow = (name: string, change: Partial<HostRow>): void =>
    patch({ hosts: get().wizard.hosts.map((h) => (h.name === name ? { ...h, ...change } : h)) });

  const check = async (name: string): Promise<void> => {
    const backend = rt.backend;
    if (!backend) return;
    updateRow(name, { checking: true });
    try {
      updateRow(name, { checking: false, check: await backend.checkHost(name) });
    } catch (error) {
      const { message, hint } = problemOf(error);
      updateRow(name, { checking: false, check: { host: name, ok: false, reachable: false, hostKey: 'not-checked', auth: 'not-tried', durationMs: 0, error: { message, ...(hint ? { hint } : {}) } } });
    }
  };

  const actions: HostActions = {
    recheckHosts: () => {
      for (const host of get().wizard.hosts) if (!host.checking) void check(host.name);
    },
    chooseHost: (name) => {
      const { wizard } = get();
      const row = wizard.hosts.find((h) => h.name === name);
      const facts = row?.check?.ok ? row.check.facts : undefined;
      if (!rt.backend || !wizard.app || !facts) return;
      const providers = rt.backend.providers(wizard.app, facts);
      // Keep the provider when the new host can run it too; Back keeps the answers either way.
      const keep = providers.some((p) => p.id === wizard.provider && !p.disabledReason);
      patch({ host: name, providers, step: 'provider', ...(keep ? {} : { provider: undefined, preflight: undefined }) });
    },
    startAddHost: () => patch({ addingHost: { values: { name: '', address: '', user: '', port: '' }, focus: 0, saving: false } }),
    editNewHost: (field, text) => {
      const form = get().wizard.addingHost;
      if (form) patch({ addingHost: { ...form, values: { ...form.values, [field]: withoutLineBreaks(text) }, error: undefined } });
    },
    moveNewHostFocus: (delta) => {
      const form = get().wizard.addingHost;
      if (form) patch({ addingHost: { ...form, focus: (form.focus + delta + NEW_HOST_FIELDS.length) % NEW_HOST_FIELDS.length } });
    },
    confirmNewHostField: async () => {
      const form = get().wizard.addingHost;
      if (!form || form.saving || !rt.backend) return;
      if (form.focus < NEW_HOST_FIELDS.length - 1) return actions.moveNewHostFocus(1);
      const parsed = hostInputOf(form.values);
      if ('error' in parsed) {
        patch({ addingHost: { ...form, error: parsed.error } });
        return;
      }
      patch({ addingHost: { ...form, saving: true } });
      try {
        const added = await rt.backend.addHost(parsed.input);
        patch({ addingHost: undefined, lastAdded: added.name, hosts: [...get().wizard.hosts, { ...added, checking: false }] });
        await check(added.name);
      } catch (error) {
        const current = get().wizard.addingHost;
        if (current) patch({ addingHost: { ...current, saving: false, error: problemOf(error) } });
      }
    },
    answerHostKey: (accept) => {
      const answer = rt.hostKeyAnswers.shift();
      patch({ hostKeys: get().wizard.hostKeys.slice(1) });
      answer?.(accept);
    },
    answerPassphrase: (passphrase) => {
      const answer = rt.passphraseAnswers.shift();
      patch({ passphrases: get().wizard.passphrases.slice(1) });
      answer?.(passphrase);
    },
  };
  return actions;
}
