import { quoteShellArg } from './runner/shell-quote.js';

/**
 * A command as a user sees it in a hint, a progress line or a plan: shell-quoted, so copying it into a
 * shell runs exactly these words and nothing else (`$(…)`, `;`, spaces and quotes stay literal).
 * Every command shown to a user goes through here. Plain words stay as they are; a word with a control
 * character (a newline, an escape) is written `$'…'` with escapes, so the line stays one line and the
 * terminal shows no raw control bytes. Never throws: a NUL or lone surrogate is shown escaped too.
 */
export function showCommand(argv: readonly string[]): string {
  return argv.map(showWord).join(' ');
}

function showWord(word: string): string {
  if (word === '') return "''";
  if (!/[\u0000-\u001f\u007f\uD800-\uDFFF]/u.test(word)) return quoteShellArg(word);
  let out = '';
  for (const char of word) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "'" || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${code.toString(16)}`;
    else out += char;
  }
  return `$'${out}'`;
}
