import { z } from 'zod';
import { BugError } from '../../platform/errors.js';

// PVE's JSON encoder prints a Perl scalar as a number or as a string depending on how the code last
// used it, so counters and sizes may arrive either way; both mean the same number.
export const pveNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

/** PVE booleans arrive as 0/1, true/false or "0"/"1". */
export const pveFlag = z.union([z.number(), z.boolean(), z.string()]).transform((v) => v === true || v === 1 || v === '1');

/**
 * Parses the stdout of `pvesh get … --output-format json` with a schema. An answer of another shape
 * means this parser and the node disagree: a bug to report, with what was asked and what was wrong.
 */
export function parsePveAnswer<T extends z.ZodType>(schema: T, stdout: string, what: string): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new BugError(`pvesh answered ${what} with text that is not JSON: ${stdout.slice(0, 120)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BugError(`unexpected answer to ${what}: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'no details'}`);
  }
  return parsed.data;
}
