import type { StateCreator } from 'zustand/vanilla';
import type { SshInteraction } from '../platform/ssh/interaction.js';
import type { AppDeps, AppState } from './app-store.js';
import type { WizardContext, WizardRuntime } from './wizard-context.js';
import { problemOf } from './wizard-context.js';
import { createFormActions, type FormActions } from './wizard-form.js';
import { createHostActions, type HostActions } from './wizard-hosts.js';
import { createInstallActions, type InstallActions } from './wizard-install.js';
import { closedWizard, type WizardData, type WizardStep } from './wizard-types.js';
import { openEditWizard } from './wizard-edit.js';
import { readingOf } from './details-slice.js';
import type { DeploymentRef } from '../services/fleet/fleet-reading.js';

/** Opening, stepping back and forth, and leaving the wizard. */
export interface NavigationActions {
  openWizard(options?: { firstRun?: boolean }): Promise<void>;
  /** `e` on a deployment: the wizard on its settings, pre-filled with its current answers (a reconfigure). */
  openEdit(ref: DeploymentRef): Promise<void>;
  /** Esc: one step back (from the first step, back to the dashboard). */
  wizardBack(): void;
  /** Ctrl-C: asks before quitting, or before stopping (and undoing) an install. */
  wizardInterrupt(): void;
  answerWizardConfirm(yes: boolean): void;
  chooseApp(id: string): void;
  /** Leaves the wizard for the dashboard, whose deployment list is read again. */
  finishWizard(): void;
  /** After an install: reads the inventory again (a host may have been added) and polls `host` now. */
  showInstalled(host?: string): Promise<void>;
}

/** The install wizard: its state (`wizard`), its answers to the SSH layer while on screen, and actions. */
export type WizardSlice = { wizard: WizardData; wizardSsh: SshInteraction } & NavigationActions & HostActions & FormActions & InstallActions;

const PREVIOUS: Record<WizardStep, WizardStep | undefined> = {
  app: undefined,
  host: 'app',
  provider: 'host',
  questions: 'provider',
  preflight: 'questions',
  review: 'preflight',
  install: undefined,
};

export function createWizardSlice(deps: AppDeps): StateCreator<AppState, [], [], WizardSlice> {
  return (set, get) => {
    const rt: WizardRuntime = { prepareSeq: 0, hostKeyAnswers: [], passphraseAnswers: [], pending: [] };
    // Nobody is left to answer the SSH layer's questions once the wizard closes: say no to each.
    const refuseWaiting = (): void => {
      for (const answer of rt.hostKeyAnswers.splice(0)) answer(false);
      for (const answer of rt.passphraseAnswers.splice(0)) answer(undefined);
    };
    const ctx: WizardContext = { deps, rt, set, get, patch: (partial) => set((s) => ({ wizard: { ...s.wizard, ...partial } })) };
    const { patch } = ctx;

    // The SSH layer asks here (through the store's sshUi) about a new host key while the wizard is on
    // screen; it shows the fingerprint and waits. Elsewhere the store's own dialog asks.
    const onScreen = (): boolean => get().route.name === 'wizard';
    const ui: SshInteraction = {
      confirmNewHostKey: (request) =>
        !onScreen()
          ? Promise.resolve(false)
          : new Promise<boolean>((resolve) => {
              rt.hostKeyAnswers.push(resolve);
              patch({ hostKeys: [...get().wizard.hostKeys, request] });
            }),
      askPassphrase: (request) =>
        !onScreen()
          ? Promise.resolve(undefined)
          : new Promise<string | undefined>((resolve) => {
              rt.passphraseAnswers.push(resolve);
              patch({ passphrases: [...get().wizard.passphrases, request] });
            }),
    };

    const hosts = createHostActions(ctx);
    const navigation: NavigationActions = {
      openWizard: async (options = {}) => {
        if (get().wizard.status === 'loading') return;
        set({ route: { name: 'wizard' }, helpOpen: false, wizard: { ...closedWizard, status: 'loading', firstRun: options.firstRun === true } });
        // A new wizard starts from the saved defaults as they are now, not a model of the last one.
        rt.model = undefined;
        rt.prepared = undefined;
        try {
          rt.backend ??= await deps.loadWizard(get().sshUi);
          const apps = rt.backend.apps();
          patch({ status: 'ready', apps, hosts: rt.backend.hosts().map((h) => ({ ...h, checking: false })) });
          // Checked while the user picks an app, so the host step shows results at once.
          hosts.recheckHosts();
        } catch (error) {
          patch({ status: 'failed', error: problemOf(error) });
        }
      },
      openEdit: async (ref) => {
        const reading = readingOf(get(), ref);
        if (!reading || get().wizard.status === 'loading') return;
        await openEditWizard(ctx, () => deps.loadWizard(get().sshUi), reading.record, ref.host);
      },
      wizardBack: () => {
        const { wizard } = get();
        if (wizard.confirm) return patch({ confirm: undefined });
        if (wizard.edit && wizard.step === 'questions') return navigation.finishWizard();
        if (wizard.status !== 'ready') return navigation.finishWizard();
        if (wizard.step === 'host' && wizard.addingHost) return patch({ addingHost: undefined });
        if (wizard.step === 'install') {
          if (wizard.install?.phase === 'finished') navigation.finishWizard();
          return;
        }
        const previous = PREVIOUS[wizard.step];
        if (previous) patch({ step: previous });
        else navigation.finishWizard();
      },
      wizardInterrupt: () => {
        const { wizard } = get();
        const phase = wizard.install?.phase;
        if (wizard.step === 'install' && phase === 'finished') return get().quit();
        if (wizard.step === 'install' && phase === 'stopping') return;
        patch({ confirm: wizard.step === 'install' && wizard.install ? 'stop' : 'quit' });
      },
      answerWizardConfirm: (yes) => {
        const { confirm } = get().wizard;
        patch({ confirm: undefined });
        if (!yes || !confirm) return;
        if (confirm === 'stop') return get().stopInstall();
        refuseWaiting();
        get().quit();
      },
      chooseApp: (id) => {
        const { wizard } = get();
        if (!wizard.apps.some((a) => a.id === id)) return;
        // Another app has other questions: what was typed for the old one no longer applies.
        if (wizard.app !== id) patch({ app: id, provider: undefined, form: undefined, preflight: undefined, providers: [] });
        patch({ step: 'host' });
      },
      finishWizard: () => {
        refuseWaiting();
        const { host } = get().wizard;
        set({ route: { name: 'dashboard' }, wizard: closedWizard });
        void get().showInstalled(host);
      },
      showInstalled: async (host) => {
        await get().refresh();
        if (host) get().invalidateHost(host);
      },
    };
    return {
      wizard: closedWizard,
      wizardSsh: ui,
      ...navigation,
      ...hosts,
      ...createFormActions(ctx),
      ...createInstallActions(ctx),
    };
  };
}
