import type { StateCreator } from 'zustand/vanilla';
import type { HostCheck } from '../services/hosts/check-hosts.js';
import type { HostEntry, HostsService } from '../services/hosts/hosts-service.js';
import type { AppDeps, AppState } from './app-store.js';
import { HOST_FIELDS, hostInputOf, withoutLineBreaks, type HostFormValues } from './host-form.js';
import { problemOf } from './wizard-context.js';
import type { Problem } from './wizard-types.js';

/** The add or edit form of the hosts screen. */
export interface HostFormState {
  /** `edit` changes the host named `original`. */
  mode: 'add' | 'edit';
  original?: string;
  values: HostFormValues;
  focus: number;
  saving: boolean;
  error?: Problem;
}

/** The hosts screen: the inventory with each host's connection and last check, and its dialogs. */
export interface HostsScreen {
  entries: HostEntry[];
  selected: number;
  /** The last check of each host (this session). */
  checks: Readonly<Record<string, HostCheck>>;
  checking: readonly string[];
  form?: HostFormState;
  /** The question before removing a host, naming the deployments last seen on it. */
  removing?: { host: string; deployments: string[] };
  message?: { tone: 'ok' | 'error'; text: string; hint?: string };
}

export interface HostsScreenSlice {
  hostsScreen: HostsScreen;
  openHosts(): Promise<void>;
  closeHosts(): void;
  moveHostSelection(delta: number): void;
  startHostForm(mode: 'add' | 'edit'): void;
  editHostField(field: (typeof HOST_FIELDS)[number], text: string): void;
  moveHostFormFocus(delta: number): void;
  /** Enter in the form: the next field, or on the last one, save the host and check it. */
  confirmHostFormField(): Promise<void>;
  cancelHostForm(): void;
  askRemoveHost(): Promise<void>;
  answerRemoveHost(yes: boolean): Promise<void>;
  /** Checks one host (the selected one by default) or, with `all`, every host at once. */
  checkHosts(options?: { all?: boolean }): Promise<void>;
}

const EMPTY: HostsScreen = { entries: [], selected: 0, checks: {}, checking: [] };

/** The host the cursor is on, if any. */
export function selectedHost(screen: HostsScreen): HostEntry | undefined {
  return screen.entries[Math.min(screen.selected, screen.entries.length - 1)];
}

export function createHostsScreenSlice(deps: AppDeps): StateCreator<AppState, [], [], HostsScreenSlice> {
  return (set, get) => {
    let service: Promise<HostsService> | undefined;
    const hostsService = (): Promise<HostsService> => (service ??= deps.loadHostsService().catch((error: unknown) => {
      service = undefined;
      throw error;
    }));
    const patch = (partial: Partial<HostsScreen>): void => set((s) => ({ hostsScreen: { ...s.hostsScreen, ...partial } }));
    const fail = (error: unknown): void => {
      const { message, hint } = problemOf(error);
      patch({ message: { tone: 'error', text: message, ...(hint ? { hint } : {}) } });
    };

    const reload = async (select?: string): Promise<void> => {
      const entries = await (await hostsService()).list();
      const at = select ? entries.findIndex((e) => e.name === select) : -1;
      patch({ entries, selected: at >= 0 ? at : Math.min(get().hostsScreen.selected, Math.max(entries.length - 1, 0)) });
      // The dashboard's list (and what the poller watches) follows the inventory.
      await get().refresh();
    };

    const check = async (name: string): Promise<void> => {
      if (get().hostsScreen.checking.includes(name)) return;
      // Checking again is the user asking: a key refused earlier may be asked about again.
      get().forgetRefusedKey(name);
      patch({ checking: [...get().hostsScreen.checking, name] });
      try {
        const result = await (await hostsService()).check(name);
        patch({ checks: { ...get().hostsScreen.checks, [name]: result } });
        if (result.ok) get().invalidateHost(name);
      } catch (error) {
        fail(error);
      } finally {
        patch({ checking: get().hostsScreen.checking.filter((h) => h !== name) });
      }
    };

    const slice: HostsScreenSlice = {
      hostsScreen: EMPTY,
      openHosts: async () => {
        set({ route: { name: 'hosts' }, helpOpen: false, hostsScreen: { ...get().hostsScreen, form: undefined, removing: undefined, message: undefined } });
        try {
          await reload();
        } catch (error) {
          fail(error);
        }
      },
      closeHosts: () => set({ route: { name: 'dashboard' } }),
      moveHostSelection: (delta) => {
        const { entries, selected } = get().hostsScreen;
        patch({ selected: Math.min(Math.max(selected + delta, 0), Math.max(entries.length - 1, 0)), message: undefined });
      },
      startHostForm: (mode) => {
        const host = selectedHost(get().hostsScreen);
        if (mode === 'edit') {
          if (!host || host.kind === 'local') {
            patch({ message: { tone: 'error', text: 'the built-in host "local" (this machine) has nothing to edit' } });
            return;
          }
          const values = { name: host.name, address: host.address, user: host.user ?? '', port: host.port ? String(host.port) : '' };
          patch({ form: { mode, original: host.name, values, focus: 0, saving: false }, message: undefined });
          return;
        }
        patch({ form: { mode, values: { name: '', address: '', user: '', port: '' }, focus: 0, saving: false }, message: undefined });
      },
      editHostField: (field, text) => {
        const form = get().hostsScreen.form;
        if (form) patch({ form: { ...form, values: { ...form.values, [field]: withoutLineBreaks(text) }, error: undefined } });
      },
      moveHostFormFocus: (delta) => {
        const form = get().hostsScreen.form;
        if (form) patch({ form: { ...form, focus: (form.focus + delta + HOST_FIELDS.length) % HOST_FIELDS.length } });
      },
      confirmHostFormField: async () => {
        const form = get().hostsScreen.form;
        if (!form || form.saving) return;
        if (form.focus < HOST_FIELDS.length - 1) return slice.moveHostFormFocus(1);
        const parsed = hostInputOf(form.values);
        if ('error' in parsed) return patch({ form: { ...form, error: parsed.error } });
        patch({ form: { ...form, saving: true } });
        try {
          const hosts = await hostsService();
          const saved = form.mode === 'edit' && form.original ? await hosts.edit(form.original, parsed.input) : await hosts.add(parsed.input);
          const verb = form.mode === 'edit' ? 'saved' : 'added';
          patch({ form: undefined, message: { tone: 'ok', text: `${verb} ${saved.name}; checking it…` } });
          await reload(saved.name);
          await check(saved.name);
        } catch (error) {
          const current = get().hostsScreen.form;
          if (current) patch({ form: { ...current, saving: false, error: problemOf(error) } });
        }
      },
      cancelHostForm: () => patch({ form: undefined }),
      askRemoveHost: async () => {
        const host = selectedHost(get().hostsScreen);
        if (!host) return;
        if (host.kind === 'local') {
          patch({ message: { tone: 'error', text: 'the built-in host "local" (this machine) cannot be removed' } });
          return;
        }
        try {
          const deployments = await (await hostsService()).deploymentsOn(host.name);
          patch({ removing: { host: host.name, deployments }, message: undefined });
        } catch (error) {
          fail(error);
        }
      },
      answerRemoveHost: async (yes) => {
        const removing = get().hostsScreen.removing;
        patch({ removing: undefined });
        if (!yes || !removing) return;
        try {
          await (await hostsService()).remove(removing.host);
          const { [removing.host]: _gone, ...checks } = get().hostsScreen.checks;
          patch({ checks, message: { tone: 'ok', text: `removed ${removing.host} from the inventory (nothing on it changed)` } });
          await reload();
        } catch (error) {
          fail(error);
        }
      },
      checkHosts: async (options = {}) => {
        const screen = get().hostsScreen;
        const names = options.all ? screen.entries.map((e) => e.name) : [selectedHost(screen)?.name].filter((n): n is string => n !== undefined);
        patch({ message: undefined });
        await Promise.all(names.map(check));
      },
    };
    return slice;
  };
}
