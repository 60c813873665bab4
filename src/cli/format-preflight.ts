import type { PreflightItem } from '../providers/provider.js';

const MARK: Record<PreflightItem['status'], string> = { ok: '✓', warn: '⚠', fail: '✗' };

/** Preflight results as ✓/⚠/✗ lines, with details and hints indented under what is not ok. */
export function formatPreflight(items: readonly PreflightItem[]): string {
  const lines = ['Preflight:'];
  for (const item of items) {
    lines.push(`  ${MARK[item.status]} ${item.label}`);
    if (item.status !== 'ok' && item.detail) lines.push(`      ${item.detail}`);
    if (item.status !== 'ok' && item.hint) lines.push(`      hint: ${item.hint}`);
  }
  return lines.join('\n');
}
