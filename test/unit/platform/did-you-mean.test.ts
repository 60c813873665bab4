import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/platform/did-you-mean.js';

describe('didYouMean', () => {
  it('counts edits, with a swap as one', () => {
    expect(editDistance('hosts', 'hosts')).toBe(0);
    expect(editDistance('hots', 'hosts')).toBe(1);
    expect(editDistance('hsots', 'hosts')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests a close candidate and nothing for a far one', () => {
    expect(didYouMean('hots', ['hosts', 'install'])).toBe('hosts');
    expect(didYouMean('databse_type', ['database_type', 'domain'])).toBe('database_type');
    expect(didYouMean('zzzz', ['hosts', 'install'])).toBeUndefined();
  });
});
