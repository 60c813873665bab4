import { describe, expect, it } from 'vitest';
import { checkSince } from '../../../../src/platform/validation/since.js';

describe('checkSince', () => {
  it('takes durations (days as hours) and ISO times', () => {
    expect(checkSince('10m')).toEqual({ ok: true, value: '10m' });
    expect(checkSince('2h')).toEqual({ ok: true, value: '2h' });
    expect(checkSince('1d')).toEqual({ ok: true, value: '24h' });
    for (const t of ['2026-12-05', '2026-12-05T10:00:00Z', '2026-12-05T10:00:00.5+01:00', '2026-12-05 10:00']) expect(checkSince(t)).toEqual({ ok: true, value: t });
  });

  it('refuses anything else', () => {
    for (const t of ['yesterday', '', '10', 'm10', '1w', '2026-13-01', '2026-12-05T25:00', '--all', '10m; rm -rf /', '$(id)']) expect(checkSince(t).ok).toBe(false);
  });
});
