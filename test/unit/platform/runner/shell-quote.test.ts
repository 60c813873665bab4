import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildShellLine, quoteShellArg } from '../../../../src/platform/runner/shell-quote.js';
import { UserError } from '../../../../src/platform/errors.js';

describe('quoteShellArg', () => {
  it('leaves plain words readable and single-quotes everything else', () => {
    expect(quoteShellArg('docker')).toBe('docker');
    expect(quoteShellArg('/srv/app-1/compose.yaml')).toBe('/srv/app-1/compose.yaml');
    expect(quoteShellArg('')).toBe("''");
    expect(quoteShellArg('a b')).toBe("'a b'");
    expect(quoteShellArg("it's")).toBe("'it'\\''s'");
    expect(quoteShellArg('=cmd')).toBe("'=cmd'");
    expect(quoteShellArg('~root')).toBe("'~root'");
  });

  it('refuses NUL and lone surrogates, which cannot be sent as bytes', () => {
    expect(() => quoteShellArg('a\0b')).toThrow(UserError);
    expect(() => quoteShellArg('\uD800x')).toThrow(UserError);
  });

  it('round-trips any text through a real POSIX shell (local dash) unchanged', () => {
    const text = fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0') && !/[\uD800-\uDFFF]/u.test(s));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (args) => {
        const line = `printf '%s\\0' ${args.map(quoteShellArg).join(' ')}`;
        const out = execFileSync('/bin/sh', ['-c', line]);
        expect(out.toString('utf8').split('\0').slice(0, -1)).toEqual(args);
      }),
      { numRuns: 100 },
    );
  });
});

describe('buildShellLine', () => {
  it('execs the program so signals reach it', () => {
    expect(buildShellLine({ argv: ['docker', 'ps', '-a'] })).toBe('exec docker ps -a');
  });

  it('sets variables through env and changes directory first', () => {
    expect(buildShellLine({ argv: ['ls'], env: { A: 'x y' }, cwd: '/tmp/my dir' })).toBe("cd -- '/tmp/my dir' && exec env 'A=x y' ls");
  });

  it('rejects bad variable names and an empty argv', () => {
    expect(() => buildShellLine({ argv: ['ls'], env: { 'A-B': '1' } })).toThrow(/invalid environment variable name/);
    expect(() => buildShellLine({ argv: [] })).toThrow(UserError);
  });
});
