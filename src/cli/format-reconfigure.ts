import type { PreparedReconfigure } from '../services/reconfigure/prepare-reconfigure.js';
import { reviewLines } from '../services/reconfigure/review-text.js';
import { formatPreflight } from './format-preflight.js';

/** The review of a reconfigure: the answers old -> new (secrets masked), each file's diff, the actions, the preflight. */
export function formatReconfigure(prepared: PreparedReconfigure): string {
  const lines = reviewLines(prepared);
  if (prepared.answers.length && prepared.preflight.length) lines.push(formatPreflight(prepared.preflight));
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
