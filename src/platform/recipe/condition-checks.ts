import type { z } from 'zod';
import { conditionKeys, type Condition } from './condition.js';
import { choicesOf, type Question } from './question-schema.js';
import type { recipeObjectSchema } from './recipe-schema.js';

/** A recipe as parsed, before the cross-field checks. */
export type RecipeData = z.output<typeof recipeObjectSchema>;
/** Reports one problem at a path inside the recipe file. */
export type Report = (path: (string | number)[], message: string) => void;

/** A condition may only read questions asked before, and compare enums and booleans with real values. */
export function checkCondition(condition: Condition | undefined, known: Map<string, Question>, report: Report, path: (string | number)[]): void {
  for (const key of conditionKeys(condition)) {
    const target = known.get(key);
    if (!target) {
      report([...path, key], `"${key}" is not a question asked before this one`);
      continue;
    }
    const test = condition?.[key];
    const values = typeof test === 'object' && !Array.isArray(test) ? ('not' in test ? test.not : []) : test;
    for (const value of Array.isArray(values) ? values : [values]) {
      if (target.type === 'enum' && !choicesOf(target).some((c) => c.value === String(value))) {
        report([...path, key], `${JSON.stringify(value)} is not a choice of "${key}" (${choicesOf(target).map((c) => c.value).join(', ')})`);
      }
      if (target.type === 'boolean' && typeof value !== 'boolean') report([...path, key], `"${key}" is yes/no: compare with true or false`);
    }
  }
}
