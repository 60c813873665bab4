/** Short human units for narrow table columns: `3m`, `2h`, `5d`; `12M`, `1.5G`. */

/** A duration in the largest unit that fits: 45s, 12m, 3h, 5d. */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** Bytes in binary units with one decimal below 10: 512B, 1.5K, 12M, 3.2G. */
export function shortBytes(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit > 0 && value < 10 ? value.toFixed(1) : Math.round(value)}${units[unit]}`;
}

/** How long a service has been up, from its ISO start time; undefined when it never started or the time is bad. */
export function uptimeOf(startedAt: string | undefined, now: number): string | undefined {
  if (!startedAt) return undefined;
  const started = Date.parse(startedAt);
  return Number.isNaN(started) ? undefined : shortDuration(now - started);
}
