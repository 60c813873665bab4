import type { z } from 'zod';

/** A key that may be shown in a message: identifier-like, short. Anything else may be a secret. */
export function isShowableKey(key: string | number): boolean {
  return typeof key === 'number' || /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/.test(key);
}

/** `hosts[2].port` style; a key that is not showable stands as `(a key)`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${isShowableKey(p) ? p : '(a key)'}`))
    .join('');
}

/**
 * What a zod issue says, in words that never quote the file: zod's own messages name types, bounds
 * and allowed values (from the schema), except unrecognized_keys, which lists the keys themselves.
 * Custom messages come from our schemas, which must not interpolate values either.
 */
export function issueMessage(issue: z.core.$ZodIssue, line: number): string {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    return key !== undefined && isShowableKey(key) ? `unknown key "${key}"` : `an unrecognized key at line ${line}`;
  }
  if (issue.code === 'invalid_key') return `an invalid key at line ${line}`;
  return issue.message;
}

export function issueHint(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'remove it, or check the spelling against the documentation of this file';
    case 'too_small':
      return `the minimum is ${String(issue.minimum)}`;
    case 'too_big':
      return `the maximum is ${String(issue.maximum)}`;
    case 'custom':
      // A refinement may carry its own advice (what is allowed) in params.hint.
      return typeof issue.params?.hint === 'string' ? issue.params.hint : 'see the documentation of this file in the README';
    default:
      return 'see the documentation of this file in the README';
  }
}
