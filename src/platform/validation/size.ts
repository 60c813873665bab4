import { fail, pass, type Check } from './check.js';

/**
 * Sizes are a whole number and a binary unit: K, M, G or T (1G = 1024M), optionally written `Gi`,
 * `GB` or `GiB`. Decimals are refused rather than rounded, so what is allocated is what was typed.
 */
export interface Size {
  bytes: number;
  /** The canonical spelling, such as `8G`. */
  text: string;
}

const UNITS = ['K', 'M', 'G', 'T'] as const;
const FACTOR: Record<(typeof UNITS)[number], number> = { K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };
const MAX_BYTES = 2 ** 50;

export function parseSize(input: string): Check<Size> {
  const text = input.trim();
  const match = /^(\d+)([KMGT])(?:i?B|i)?$/i.exec(text);
  if (!match) {
    if (/^\d+$/.test(text)) return fail(`"${text}" has no unit; add K, M, G or T, e.g. ${text}M or ${text}G`);
    const decimal = /^(\d+)[.,](\d+)\s*([KMGT])/i.exec(text);
    if (decimal) return fail(`use a whole number: write ${wholeHint(decimal)}`);
    return fail(`"${text}" is not a size; write a whole number and a unit, e.g. 512M, 8G or 1T`);
  }
  const [, digits = '', unitText = ''] = match;
  const unit = unitText.toUpperCase() as (typeof UNITS)[number];
  const count = Number(digits);
  if (count === 0) return fail('a size must be more than 0');
  const bytes = count * FACTOR[unit];
  if (bytes > MAX_BYTES) return fail(`${text} is more than ${formatSize(MAX_BYTES)}`);
  return pass({ bytes, text: `${count}${unit}` });
}

/** Bytes in the largest unit that divides them exactly (`1536M`, `8G`); below 1K, in K rounded up. */
export function formatSize(bytes: number): string {
  for (const unit of [...UNITS].reverse()) {
    const factor = FACTOR[unit];
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return `${Math.ceil(bytes / FACTOR.K)}K`;
}

function wholeHint(decimal: RegExpExecArray): string {
  const [, whole = '0', fraction = '0', unitText = 'G'] = decimal;
  const unit = unitText.toUpperCase() as (typeof UNITS)[number];
  const index = UNITS.indexOf(unit);
  const smaller = UNITS[index - 1];
  if (!smaller) return `${whole}${unit}`;
  const value = Math.round(Number(`${whole}.${fraction}`) * 1024);
  return `${value}${smaller} instead of ${whole}.${fraction}${unit}`;
}

export const MIB = FACTOR.M;
export const GIB = FACTOR.G;
