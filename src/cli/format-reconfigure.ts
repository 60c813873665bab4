import type { AnswerValue } from '../platform/recipe/answer-value.js';
import type { PreparedReconfigure } from '../services/reconfigure/prepare-reconfigure.js';
import { formatPreflight } from './format-preflight.js';

function shown(value: AnswerValue | undefined): string {
  if (value === undefined || value === '') return '(none)';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The review of a reconfigure: the answers old -> new (secrets masked), each file's diff, the actions, the preflight. */
export function formatReconfigure(prepared: PreparedReconfigure): string {
  const { record, handle } = prepared.deployment;
  const lines = [`reconfigure ${record.name} on ${handle.name}`];
  if (prepared.answers.length === 0) return [...lines, 'no answer changes: nothing to do'].join('\n');
  lines.push('answers:', ...prepared.answers.map((a) => `  ${a.id} (${a.label}): ${shown(a.before)} -> ${shown(a.after)}`));
  lines.push('files:');
  if (prepared.files.length === 0) lines.push('  (none rewritten)');
  for (const file of prepared.files) lines.push(`  ${file.path}`, ...file.lines.map((l) => `    ${l.op} ${l.text}`));
  lines.push('actions:', ...(prepared.actions.length ? prepared.actions.map((a) => `  ${a}`) : ['  nothing']));
  if (prepared.preflight.length) lines.push(formatPreflight(prepared.preflight));
  return lines.join('\n');
}

/** The same review as JSON (stable field names for scripts). */
export function reconfigureJson(prepared: PreparedReconfigure, status: string) {
  const { record, handle } = prepared.deployment;
  return {
    status,
    name: record.name,
    host: handle.name,
    kind: 'reconfigure',
    answers: prepared.answers.map((a) => ({ id: a.id, before: a.before ?? null, after: a.after ?? null, ...(a.secret ? { secret: true } : {}) })),
    files: prepared.files.map((f) => ({ path: f.path, diff: f.lines.map((l) => `${l.op}${l.text}`) })),
    actions: prepared.actions,
    preflight: prepared.preflight,
    blocked: prepared.blocked,
    steps: prepared.plan.steps.map((s) => s.title),
  };
}
