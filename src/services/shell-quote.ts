/**
 * Quotes one argument for a POSIX shell: single quotes, with each embedded quote written as '\''.
 * Nothing inside single quotes is special to sh, so any text (spaces, $, `, ;, newlines) stays literal.
 */
export function shellQuote(arg: string): string {
  if (arg.length > 0 && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line for sh from an argv, every argument quoted. */
export function shellCommandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
