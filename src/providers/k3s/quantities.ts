/** Kubernetes quantities: `2`, `1500m` (CPU) and `4010852Ki`, `64M`, `1Gi` (bytes). NaN when not one. */
export function cpuCores(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(m)?$/.exec(q.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) / (m[2] ? 1000 : 1);
}

const FACTORS: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

export function bytesOf(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T)?$/.exec(q.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * (FACTORS[m[2] ?? ''] ?? 1);
}
