import { describe, expect, it } from 'vitest';
import { valueWithin } from '../../../src/platform/value-within.js';

describe('valueWithin', () => {
  it('gives the value when it comes in time', async () => {
    expect(await valueWithin(Promise.resolve([1, 2]), 1000, [])).toEqual([1, 2]);
  });

  it('gives the stand-in when the value is late, and the late value still reaches who waits on it', async () => {
    let deliver: (v: string) => void = () => undefined;
    const slow = new Promise<string>((resolve) => (deliver = resolve));
    const started = Date.now();
    expect(await valueWithin(slow, 50, 'none yet')).toBe('none yet');
    expect(Date.now() - started).toBeLessThan(1000);
    deliver('figures');
    expect(await slow).toBe('figures');
  });
});
