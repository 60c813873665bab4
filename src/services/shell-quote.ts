/**
 * Quotes one argument for a POSIX shell: safe words stay bare, everything else goes in single quotes
 * (a single quote inside becomes '\''). This is the only place a shell line is ever built.
 */
export function quoteArg(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A whole argv as one shell line. */
export function quoteArgv(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}
