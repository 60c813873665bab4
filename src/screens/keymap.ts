import { useInput } from 'ink';
import { useRef } from 'react';
import { keyNameOf } from './keys.js';

/** The deployment a question is about: its name (or "service S of NAME"), and its host. */
export interface ConfirmTarget {
  what: string;
  host: string;
}

/** The question a dangerous binding asks before it acts (the same dialog serves every action). */
export interface ConfirmWords {
  title: (target: ConfirmTarget) => string;
  detail?: (target: ConfirmTarget) => string;
}

/** One key binding, declared as data: the footer, the help overlay and dispatch all read it. */
export interface BindingSpec<Id extends string = string> {
  /** A stable name the screen maps to a handler; a typed union per keymap (see `defineKeymap`). */
  id: Id;
  /** Key names (see keys.ts); the first is shown in hints. */
  keys: readonly string[];
  /** How the key reads in hints when it differs from the key names, e.g. `↑/k`. */
  label?: string;
  description: string;
  /** Fewer words for the footer's one line, when the description is long. */
  short?: string;
  group: string;
  /** Asks for confirmation before acting. */
  dangerous?: boolean;
  /** What it asks, for a dangerous action on a deployment. */
  confirm?: ConfirmWords;
  /** On a service's row it acts on that service only (restart), not on the whole deployment (uninstall). */
  perService?: boolean;
  /** Shown in the footer; help lists every binding either way. */
  footer?: boolean;
}

/** The bindings of one scope (a screen or an overlay). */
export interface KeymapSpec<Id extends string = string> {
  scope: string;
  bindings: readonly BindingSpec<Id>[];
  /** A text field has the keyboard: printable keys are typed, so only keys that print nothing act. */
  textInput?: boolean;
}

/**
 * Declares a keymap keeping its binding ids as a union of literals, so handlers, disabled reasons
 * and lookups that name an id the keymap does not have fail to compile.
 */
export function defineKeymap<const Id extends string>(spec: KeymapSpec<Id>): KeymapSpec<Id> {
  return spec;
}

/** The binding ids of a keymap declared with `defineKeymap`. */
export type BindingId<K> = K extends KeymapSpec<infer Id> ? Id : never;

/** A binding as shown: its spec plus, when it cannot be used now, the reason why. */
export interface ActiveBinding extends BindingSpec {
  disabledReason?: string;
}

/** What each binding does; a key the keymap does not have does not compile. */
export type Handlers<Id extends string = string> = Partial<Record<Id, () => void>>;

/** Why each binding is unavailable right now (absent: available). */
export type DisabledReasons<Id extends string = string> = Partial<Record<Id, string>>;

/** The binding of a keymap by id (typed: a misspelt id does not compile). */
export function bindingById<Id extends string>(spec: KeymapSpec<Id>, id: NoInfer<Id>): BindingSpec<Id> | undefined {
  return spec.bindings.find((b) => b.id === id);
}

/** Finds the binding a key name triggers in a keymap. */
export function bindingFor<Id extends string>(spec: KeymapSpec<Id>, keyName: string): BindingSpec<Id> | undefined {
  return spec.bindings.find((b) => b.keys.includes(keyName));
}

/** True for a key name that types a character (`q`, `?`, `R`), as opposed to `esc` or `ctrl+c`. */
export function isPrintable(keyName: string): boolean {
  return [...keyName].length === 1;
}

/**
 * Dispatches key presses to `handlers` by the spec. A disabled binding does nothing but report its
 * reason to `onDisabled` (the screen shows it). With `typing`, printable keys belong to a text field.
 */
export function useKeymap<Id extends string>(
  spec: KeymapSpec<Id>,
  handlers: NoInfer<Handlers<Id>>,
  options: { isActive?: boolean; disabled?: NoInfer<DisabledReasons<Id>>; onDisabled?: (binding: BindingSpec<Id>, reason: string) => void; typing?: boolean } = {},
): void {
  // Keys can arrive faster than React re-renders (a paste, tmux send-keys): Ink's listener may still
  // hold the previous render's callback, so it reads the latest handlers through a ref.
  const latest = useRef({ handlers, disabled: options.disabled, onDisabled: options.onDisabled });
  latest.current = { handlers, disabled: options.disabled, onDisabled: options.onDisabled };
  useInput(
    (input, key) => {
      const name = keyNameOf(input, key);
      if (options.typing && isPrintable(name)) return;
      const binding = bindingFor(spec, name);
      if (!binding) return;
      const reason = latest.current.disabled?.[binding.id];
      if (reason) {
        latest.current.onDisabled?.(binding, reason);
        return;
      }
      latest.current.handlers[binding.id]?.();
    },
    { isActive: options.isActive ?? true },
  );
}

/** The label a hint shows for a binding. */
export function labelOf(binding: BindingSpec): string {
  return binding.label ?? binding.keys[0] ?? '';
}
