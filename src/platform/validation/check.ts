/** The outcome of checking one value: the normalised value, or a reason a user can act on. */
export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

export function pass<T>(value: T): Check<T> {
  return { ok: true, value };
}

export function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** Characters that break config files and command lines when they sneak into a value. */
export function controlCharacterIn(text: string): string | undefined {
  const match = /[\u0000-\u001f\u007f]/.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  return code === 10 ? 'a line break' : code === 9 ? 'a tab' : `a control character (code ${code})`;
}
