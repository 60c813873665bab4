import { z } from 'zod';
import { isShowableKey } from '../../platform/config/config-issue.js';
import { readConfigText } from '../../platform/config/read-config-file.js';
import { parseYamlText } from '../../platform/config/yaml-file.js';
import { didYouMean } from '../../platform/did-you-mean.js';
import { UserError } from '../../platform/errors.js';
import type { Question } from '../../platform/recipe/question-schema.js';
import { explicitValue, type ExplicitAnswers, type ExplicitValue } from './explicit-values.js';

/**
 * The schema of an answers file for these questions: a mapping of question id to value. `key:` with
 * nothing after it (null) is "not answered here"; `""` clears an optional question. Every problem is
 * reported by parseYamlText with the file, line, column and key.
 */
export function answersFileSchema(questions: Question[]) {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return z.unknown().transform((data, ctx): Record<string, ExplicitValue> => {
    if (data === null || data === undefined) return {};
    if (typeof data !== 'object' || Array.isArray(data)) {
      ctx.addIssue({ code: 'custom', message: 'an answers file maps question ids to values, one per line (key: value)' });
      return {};
    }
    const values: Record<string, ExplicitValue> = {};
    for (const [key, raw] of Object.entries(data)) {
      const question = byId.get(key);
      if (!question && !isShowableKey(key)) {
        // A key that does not look like one may be a secret: it is named by its line only.
        ctx.addIssue({ code: 'unrecognized_keys', keys: [key], input: data as Record<string, unknown> });
        continue;
      }
      if (!question) {
        const guess = didYouMean(key, byId.keys());
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown question${guess ? `; did you mean "${guess}"?` : ''}`, params: { hint: `questions: ${[...byId.keys()].join(', ')}` } });
        continue;
      }
      if (raw === null) continue;
      // A file's values are never echoed in messages (it may be a secret, or not an answers file at all).
      const checked = explicitValue(question, raw, 'value', { echo: false });
      if (checked.ok) values[key] = checked.value;
      else ctx.addIssue({ code: 'custom', path: [key], message: checked.message.replace(/^value: /, ''), params: { hint: checked.hint } });
    }
    return values;
  });
}

/** Parses answers-file text; `source` names it in messages. */
export function parseAnswersText(text: string, source: string, questions: Question[]): ExplicitAnswers {
  return { source, values: parseYamlText(text, source, answersFileSchema(questions)) };
}

/** Reads an answers file given with --answers; a missing file is an error. */
export async function readAnswersFile(path: string, questions: Question[]): Promise<ExplicitAnswers> {
  const text = (await readConfigText(path, { missingOk: false, hint: 'write one with: homelab-tui answers APP > answers.yaml' })) ?? '';
  return parseAnswersText(text, path, questions);
}
