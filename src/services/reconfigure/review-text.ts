import type { AnswerValue } from '../../platform/recipe/answer-value.js';
import type { PreparedReconfigure } from './prepare-reconfigure.js';

function shown(value: AnswerValue | undefined): string {
  if (value === undefined || value === '') return '(none)';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The review of a reconfigure in lines: the answers old -> new (secrets masked), each file's diff, the actions. */
export function reviewLines(prepared: PreparedReconfigure): string[] {
  const { record, handle } = prepared.deployment;
  const lines = [`reconfigure ${record.name} on ${handle.name}`];
  if (prepared.answers.length === 0 && prepared.files.length === 0) return [...lines, 'no answer changes, and what runs is what the answers write: nothing to do'];
  // No answer changed but the files differ: what runs is not what its answers write (an adopted project, a hand edit).
  if (prepared.answers.length === 0) lines.push('answers: no changes; what runs differs from what they write:');
  else lines.push('answers:', ...prepared.answers.map((a) => `  ${a.id} (${a.label}): ${shown(a.before)} -> ${shown(a.after)}`));
  lines.push('files:');
  if (prepared.files.length === 0) lines.push('  (none rewritten)');
  for (const file of prepared.files) lines.push(`  ${file.path}`, ...file.lines.map((l) => `    ${l.op} ${l.text}`));
  lines.push('actions:', ...(prepared.actions.length ? prepared.actions.map((a) => `  ${a}`) : ['  nothing']));
  return lines;
}
