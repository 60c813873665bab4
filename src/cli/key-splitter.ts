/**
 * Splits terminal input into single keys: one escape sequence, one control character (Enter, Tab,
 * Backspace, Ctrl-C…) or a run of printable text (so a paste stays one insertion). Ink keeps a run
 * such as `abc\r` or `\x7f\x7f` together as one "key", which loses Enter and Backspace whenever
 * several keys arrive in one read: a busy frame, a fast typist, an SSH link that batches.
 */
export function splitKeys(input: string): string[] {
  const keys: string[] = [];
  let index = 0;
  while (index < input.length) {
    const length = keyLength(input, index);
    keys.push(input.slice(index, index + length));
    index += length;
  }
  return keys;
}

function isControl(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

function keyLength(input: string, start: number): number {
  const code = input.charCodeAt(start);
  if (code === 0x1b) return escapeLength(input, start);
  if (isControl(code)) return 1;
  let end = start + 1;
  while (end < input.length && !isControl(input.charCodeAt(end))) end++;
  return end - start;
}

/** ESC [ params final (CSI), ESC O x (SS3), ESC ESC …, ESC x (Alt+x), or a lone ESC. */
function escapeLength(input: string, start: number): number {
  const next = input[start + 1];
  if (next === undefined) return 1;
  if (next === '\u001B') return 1 + escapeLength(input, start + 1);
  if (next === 'O') return Math.min(3, input.length - start);
  if (next !== '[') return 2;
  let end = start + 2;
  // Legacy function keys: ESC [ [ A.
  if (input[end] === '[') end++;
  while (end < input.length) {
    const byte = input.charCodeAt(end);
    end++;
    if (byte >= 0x40 && byte <= 0x7e) break;
  }
  return end - start;
}
