// CSI (colours, cursor moves), OSC (titles, hyperlinks) and other escape sequences a program may log.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[@-_]/g;
// Control characters other than tab; a lone carriage return would move the cursor inside the frame.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000A-\u001F\u007F]/g;

/** Longest line kept; beyond it the line is cut with a mark (one runaway line must not fill the buffer). */
export const MAX_LINE_LENGTH = 2000;

/**
 * Makes a log line safe to draw inside the frame: escape sequences and control characters removed,
 * tabs expanded to 8-column stops, and very long lines cut.
 */
export function cleanLogText(text: string): string {
  let clean = text.includes('\u001B') ? text.replace(ESCAPES, '') : text;
  clean = clean.replace(CONTROLS, '');
  if (clean.includes('\t')) {
    let out = '';
    for (const ch of clean) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
    clean = out;
  }
  return clean.length > MAX_LINE_LENGTH ? `${clean.slice(0, MAX_LINE_LENGTH)}…` : clean;
}
