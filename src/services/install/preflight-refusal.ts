import { UserError } from '../../platform/errors.js';
import type { PreflightItem } from '../../providers/provider.js';

/**
 * Why an install is refused by its preflight: every failed item with its detail. A failure that names
 * an answer (an address already in use, …) is a bad answer: exit 2, as other bad answers; else exit 1.
 */
export function preflightRefusal(host: string, items: readonly PreflightItem[]): UserError | undefined {
  const failed = items.filter((i) => i.status === 'fail');
  if (failed.length === 0) return undefined;
  const lines = failed.map((i) => `  ✗ ${i.label}${i.detail ? `: ${i.detail}` : ''}`).join('\n');
  const badAnswer = failed.find((i) => i.field !== undefined);
  return new UserError(`preflight failed on ${host}:\n${lines}`, (badAnswer ?? failed[0])?.hint, badAnswer ? 2 : 1);
}
