import { fail, pass, type Check } from './check.js';

const DURATION = /^(\d{1,6})([smhd])$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A `--since` value: a duration back from now (`10m`, `2h`, `1d`) or an ISO 8601 / RFC 3339 time
 * (`2026-12-05`, `2026-12-05T10:00:00Z`). Days become hours, which docker, podman and journalctl
 * all take.
 */
export function checkSince(text: string): Check<string> {
  const duration = DURATION.exec(text);
  if (duration) return pass(duration[2] === 'd' ? `${Number(duration[1]) * 24}h` : text);
  const iso = ISO.exec(text);
  if (iso && !Number.isNaN(Date.parse(iso[4] ? text.replace(' ', 'T') : `${text}T00:00:00`))) {
    const [, , month = '', day = '', hour = '0', minute = '0'] = iso;
    if (Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31 && Number(hour) < 24 && Number(minute) < 60) return pass(text);
  }
  return fail('a duration such as 10m, 2h or 1d, or a time such as 2026-12-05 or 2026-12-05T10:00:00Z');
}
