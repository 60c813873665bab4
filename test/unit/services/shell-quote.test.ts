import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellCommandLine, shellQuote } from '../../../src/services/shell-quote.js';

// Hostile text: quotes, $(), backticks, globs, separators, newlines. NUL cannot be in an argv at all.
const hostile = fc.string({ unit: fc.constantFrom(..."ab '\"$`\\;|&*?()[]{}<>#~!\n\t=,%".split('')), maxLength: 24 });

describe('shellQuote', () => {
  it('sh reads every quoted argument back exactly', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), (args) => {
        const line = `printf '%s\\0' ${shellCommandLine(args)}`;
        const out = execFileSync('sh', ['-c', line], { encoding: 'utf8' });
        expect(out.split('\0').slice(0, -1)).toEqual(args);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves plain words alone and quotes the empty string', () => {
    expect(shellQuote('/usr/bin/java')).toBe('/usr/bin/java');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});
