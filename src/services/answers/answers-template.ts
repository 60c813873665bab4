import { Document, isScalar, YAMLMap, type Pair, type Scalar } from 'yaml';
import type { AnswerValue } from '../../platform/recipe/answer-value.js';
import { conditionHolds, describeCondition } from '../../platform/recipe/condition.js';
import { PROVIDER_PREFIXES } from '../../platform/recipe/provider-questions.js';
import { PROVIDERS } from '../../platform/recipe/provider-ids.js';
import { choicesOf, type Question } from '../../platform/recipe/question-schema.js';
import { allowedText } from '../../platform/recipe/question-values.js';
import type { Resolution } from './resolve.js';
import { defaultFor } from './wizard.js';
import { showCommand } from '../../platform/show-command.js';

/**
 * A commented answers file with every question of the resolution: each key holds the current value
 * (given, saved or default), with comments on what it asks, what is allowed and when it applies.
 * Secrets are always left empty.
 */
export function answersFileText(resolution: Resolution): string {
  const { recipe, provider, questions, answers } = resolution;
  const doc = new Document();
  const map = new YAMLMap();
  doc.contents = map;
  doc.commentBefore = [
    ` Answers for ${recipe.name} (${recipe.id})${provider ? ` on ${provider}` : ''}.`,
    ` Use: ${showCommand(['homelab-tui', 'install', recipe.id, ...(provider ? ['--provider', provider] : [])])} --answers FILE`,
    ' An empty value (key:) means "not answered here": the default or a saved answer applies.',
    ' "" clears an optional answer. Lists: [a, b]. Secrets left empty are generated and never printed.',
  ].join('\n');
  let group: string | undefined;
  for (const question of questions) {
    const value = question.type === 'secret' ? null : (answers[question.id] ?? defaultFor(question, answers) ?? null);
    const pair = doc.createPair(question.id, value) as Pair<Scalar, unknown>;
    const heading = groupOf(question.id);
    const lines = commentLines(question, resolution);
    if (heading !== group) {
      group = heading;
      lines.unshift(` ---- ${heading} ----`, '');
    }
    if (isScalar(pair.key)) {
      pair.key.commentBefore = lines.join('\n');
      pair.key.spaceBefore = map.items.length > 0;
    }
    map.items.push(pair);
  }
  // `key:` with nothing after it reads as "not answered here", unlike a literal null.
  return doc.toString({ lineWidth: 0, nullStr: '' });
}

function groupOf(id: string): string {
  const provider = PROVIDERS.find((p) => id.startsWith(PROVIDER_PREFIXES[p]));
  return provider ? `only for ${provider}` : 'the app';
}

function commentLines(question: Question, resolution: Resolution): string[] {
  const flags = [question.required ? undefined : 'optional', question.advanced ? 'advanced' : undefined].filter(Boolean);
  const lines = [` ${question.label}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`];
  if (question.help) lines.push(` ${question.help}`);
  if (question.type === 'enum') {
    lines.push(...choicesOf(question).map((c) => `   ${c.value}${c.label !== c.value ? `: ${c.label}` : ''}`));
  } else {
    lines.push(` Allowed: ${allowedText(question)}.`);
  }
  if (question.type === 'secret') {
    lines.push(question.generate ? ' Leave empty to have a random one generated at install time.' : ' Required; it is never saved with your defaults unless you ask (--include-secrets).');
  } else {
    const fallback = defaultFor(question, resolution.answers);
    lines.push(fallback === undefined ? ` No default${question.required ? ': required' : ''}.` : ` Default: ${show(fallback)}.`);
  }
  if (question.when) {
    const active = conditionHolds(question.when, resolution.answers);
    lines.push(` Only used when ${describeCondition(question.when)}${active ? '' : ' (not the case with the answers above)'}.`);
  }
  if (question.type === 'path' && question.localDisk) lines.push(` Must be on a local disk: ${question.localDisk}`);
  return lines;
}

function show(value: AnswerValue): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

