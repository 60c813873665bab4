/** A piece of a line, marked when it matched the filter (to highlight it). */
export interface Segment {
  text: string;
  match: boolean;
}

/** A compiled `/` filter: which lines pass, and where they match. */
export interface LogFilter {
  /** What the user typed, without a leading `!`. */
  pattern: string;
  invert: boolean;
  /** Set when the pattern is not a valid regular expression (it then matches as plain text). */
  error?: string;
  test(text: string): boolean;
  /** The text cut into matching and other segments (one unmatched segment when there is no match). */
  segments(text: string): Segment[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles a filter: a regular expression, case-insensitive unless it has a capital letter (smart
 * case, as in less and ripgrep); a leading `!` or `invert` keeps the lines that do NOT match.
 */
export function compileLogFilter(typed: string, invert = false): LogFilter {
  const negated = typed.startsWith('!');
  const pattern = negated ? typed.slice(1) : typed;
  const flags = /[A-Z]/.test(pattern) ? 'g' : 'gi';
  let regex: RegExp;
  let error: string | undefined;
  try {
    regex = new RegExp(pattern, flags);
  } catch (e) {
    error = `not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, '')}); matching it as text`;
    regex = new RegExp(escapeRegExp(pattern), flags);
  }
  const inverted = negated !== invert;
  const matches = (text: string): boolean => {
    regex.lastIndex = 0;
    return regex.test(text);
  };
  return {
    pattern,
    invert: inverted,
    ...(error ? { error } : {}),
    test: (text) => pattern === '' || matches(text) !== inverted,
    segments: (text) => {
      if (pattern === '' || inverted) return [{ text, match: false }];
      const out: Segment[] = [];
      let last = 0;
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        // An empty match (e.g. `a*`) would loop forever; step past it.
        if (m[0] === '') {
          regex.lastIndex++;
          continue;
        }
        if (m.index > last) out.push({ text: text.slice(last, m.index), match: false });
        out.push({ text: m[0], match: true });
        last = m.index + m[0].length;
      }
      if (last < text.length || out.length === 0) out.push({ text: text.slice(last), match: false });
      return out;
    },
  };
}
