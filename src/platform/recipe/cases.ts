import { z } from 'zod';
import type { Answers } from './answer-value.js';
import { conditionHolds, conditionSchema, type Condition } from './condition.js';

/** One alternative of a value that depends on answers; the first whose `when` holds wins. */
export interface Case<T> {
  value: T;
  when?: Condition;
}

/** A value written plainly, or as a list of `{value, when}` alternatives. */
export type Cased<T> = T | Case<T>[];

export function cased<S extends z.ZodType>(value: S) {
  return z.union([value, z.array(z.strictObject({ value, when: conditionSchema.optional() })).min(1)]);
}

function isCaseList<T>(input: Cased<T>): input is Case<T>[] {
  return Array.isArray(input) && input.length > 0 && input.every((c) => typeof c === 'object' && c !== null && 'value' in c);
}

/** The value that applies to these answers; undefined when no alternative's condition holds. */
export function pickCase<T>(input: Cased<T>, answers: Answers): T | undefined {
  if (!isCaseList(input)) return input as T;
  return input.find((c) => conditionHolds(c.when, answers))?.value;
}

/** Every alternative, for checks that must look at all of them (template references, defaults). */
export function allCases<T>(input: Cased<T>): Case<T>[] {
  return isCaseList(input) ? input : [{ value: input as T }];
}
