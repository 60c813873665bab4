import { useInput } from 'ink';
import { useRef } from 'react';
import { keyNameOf } from './keys.js';

/** One key binding, declared as data: the footer, the help overlay and dispatch all read it. */
export interface BindingSpec {
  /** A stable name the screen maps to a handler. */
  id: string;
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
  /** Shown in the footer; help lists every binding either way. */
  footer?: boolean;
}

/** The bindings of one scope (a screen or an overlay). */
export interface KeymapSpec {
  scope: string;
  bindings: readonly BindingSpec[];
  /** A text field has the keyboard: printable keys are typed, so only keys that print nothing act. */
  textInput?: boolean;
}

/** A binding as shown: its spec plus, when it cannot be used now, the reason why. */
export interface ActiveBinding extends BindingSpec {
  disabledReason?: string;
}

export type Handlers = Record<string, () => void>;

/** Why each binding is unavailable right now (absent: available). */
export type DisabledReasons = Partial<Record<string, string>>;

/** Finds the binding a key name triggers in a keymap. */
export function bindingFor(spec: KeymapSpec, keyName: string): BindingSpec | undefined {
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
export function useKeymap(
  spec: KeymapSpec,
  handlers: Handlers,
  options: { isActive?: boolean; disabled?: DisabledReasons; onDisabled?: (binding: BindingSpec, reason: string) => void; typing?: boolean } = {},
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
