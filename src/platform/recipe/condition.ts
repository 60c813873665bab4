import { z } from 'zod';
import { answerText, type Answers } from './answer-value.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const oneOrMore = z.union([scalar, z.array(scalar).min(1)]);

/**
 * A `when:` condition: every listed answer must match (AND). Forms per key:
 * `key: value` (equals), `key: [a, b]` (one of), `key: {not: value | [a, b]}`, `key: {set: true|false}`.
 * An answer that is absent (its own question inactive or left empty) matches only `{not: …}` and `{set: false}`.
 */
export const conditionSchema = z.record(
  z.string(),
  z.union([oneOrMore, z.strictObject({ not: oneOrMore }), z.strictObject({ set: z.boolean() })]),
);

export type Condition = z.output<typeof conditionSchema>;
type Test = Condition[string];

export function conditionHolds(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  return Object.entries(condition).every(([key, test]) => testHolds(test, answers[key]));
}

function testHolds(test: Test, value: Answers[string] | undefined): boolean {
  const present = value !== undefined && !(Array.isArray(value) && value.length === 0) && value !== '';
  if (typeof test === 'object' && !Array.isArray(test)) {
    if ('set' in test) return present === test.set;
    return !present || !matches(test.not, value);
  }
  return present && matches(test, value);
}

function matches(expected: z.output<typeof oneOrMore>, value: Answers[string] | undefined): boolean {
  if (value === undefined) return false;
  const text = answerText(value);
  return (Array.isArray(expected) ? expected : [expected]).some((e) => String(e) === text);
}

/** The keys a condition reads, to check they name earlier questions. */
export function conditionKeys(condition: Condition | undefined): string[] {
  return condition ? Object.keys(condition) : [];
}

/** In words, for help texts and answers-file comments: `db_type is postgres or mysql`. */
export function describeCondition(condition: Condition): string {
  return Object.entries(condition)
    .map(([key, test]) => {
      if (typeof test === 'object' && !Array.isArray(test)) {
        if ('set' in test) return test.set ? `${key} is set` : `${key} is empty`;
        return `${key} is not ${list(test.not)}`;
      }
      return `${key} is ${list(test)}`;
    })
    .join(' and ');
}

function list(value: z.output<typeof oneOrMore>): string {
  return (Array.isArray(value) ? value : [value]).map(String).join(' or ');
}
