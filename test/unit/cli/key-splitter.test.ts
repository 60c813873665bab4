import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitKeys } from '../../../src/cli/key-splitter.js';

describe('splitKeys', () => {
  it('splits control keys out of a run and keeps printable text together', () => {
    expect(splitKeys('docker\thl-docker\r')).toEqual(['docker', '\t', 'hl-docker', '\r']);
    expect(splitKeys('ab\u007f\u007f\u007fc')).toEqual(['ab', '\u007f', '\u007f', '\u007f', 'c']);
    expect(splitKeys('\u0003')).toEqual(['\u0003']);
  });

  it('keeps escape sequences whole: arrows, SS3, function keys, Alt+key, a lone Esc', () => {
    expect(splitKeys('\u001B[A\u001B[B')).toEqual(['\u001B[A', '\u001B[B']);
    expect(splitKeys('\u001BOP')).toEqual(['\u001BOP']);
    expect(splitKeys('\u001B[15~x')).toEqual(['\u001B[15~', 'x']);
    expect(splitKeys('\u001B[[A')).toEqual(['\u001B[[A']);
    expect(splitKeys('\u001Bb')).toEqual(['\u001Bb']);
    expect(splitKeys('\u001B')).toEqual(['\u001B']);
    expect(splitKeys('\u001B\u001B[A')).toEqual(['\u001B\u001B[A']);
  });

  it('keeps a paste of text with spaces and Unicode as one insertion', () => {
    expect(splitKeys('https://tasks.example.com/ é 漢字')).toEqual(['https://tasks.example.com/ é 漢字']);
  });

  it('loses and adds nothing: the keys join back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\t', '\r', '\u007f', '\u0003', '\u001B', '[', 'A', 'O', '~', '1', 'é') }), (input) => {
        const keys = splitKeys(input);
        expect(keys.join('')).toBe(input);
        expect(keys.every((k) => k.length > 0)).toBe(true);
      }),
    );
  });
});
