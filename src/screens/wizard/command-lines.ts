/**
 * A shell command in lines of at most `width` columns, each but the last ending in ` \`, broken only
 * between an option and the one before it. A terminal's own wrapping would put a bare line break into
 * what a user copies, and a pasted command would then run half-finished.
 */
export function commandLines(command: string, width: number): string[] {
  // Shell words as quoteShellArg writes them: plain runs and '…' quotes, glued ('it'\''s').
  const words = command.match(/(?:[^\s'\\]+|'[^']*'|\\.)+/g) ?? [];
  // An option and its one value stay together; other words (the program, a command and its
  // arguments: `install labapp`) make a part of their own, so they never ride on an option's value.
  const parts: string[] = [];
  for (const word of words) {
    const last = parts.at(-1);
    const optionWithoutValue = last !== undefined && last.startsWith('--') && !last.includes(' ');
    const plainWords = last !== undefined && !last.startsWith('--');
    if (!word.startsWith('--') && (optionWithoutValue || plainWords)) parts[parts.length - 1] = `${last} ${word}`;
    else parts.push(word);
  }
  const lines: string[] = [];
  for (const part of parts) {
    const current = lines.at(-1);
    if (current !== undefined && current.length + 1 + part.length + 2 <= width) lines[lines.length - 1] = `${current} ${part}`;
    else lines.push(part);
  }
  return lines.map((line, i) => (i < lines.length - 1 ? `${line} \\` : line));
}
