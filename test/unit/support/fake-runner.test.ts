import { describe, expect, it } from 'vitest';
import { FakeRunner } from '../../support/fake-runner.js';

describe('FakeRunner', () => {
  it('answers an expected argv exactly once', async () => {
    const fake = new FakeRunner().expect({ argv: ['docker', 'ps'], result: { stdout: 'x' } });
    expect((await fake.run({ argv: ['docker', 'ps'] })).stdout).toBe('x');
    await expect(fake.run({ argv: ['docker', 'ps'] })).rejects.toThrow(/unexpected call/);
    fake.verify();
  });

  it('fails on a call whose argv differs in any element', async () => {
    const fake = new FakeRunner().expect({ argv: ['docker', 'ps', '-a'] });
    await expect(fake.run({ argv: ['docker', 'ps'] })).rejects.toThrow(/unexpected call/);
  });

  it('fails verify() when an expected call never happened', () => {
    const fake = new FakeRunner().expect({ argv: ['pct', 'start', '101'] });
    expect(() => fake.verify()).toThrow(/never made:\n {2}pct start 101/);
  });

  it('checks stdin when the expectation names it, and streams lines', async () => {
    const fake = new FakeRunner().expect(
      { argv: ['sh'], stdin: 'echo hi' },
      { argv: ['logs'], lines: [{ source: 'stdout', line: 'l1' }] },
    );
    await expect(fake.run({ argv: ['sh'], stdin: 'other' })).rejects.toThrow(/unexpected/);
    await fake.run({ argv: ['sh'], stdin: 'echo hi' });
    const lines: string[] = [];
    for await (const l of fake.stream({ argv: ['logs'] })) lines.push(l.line);
    expect(lines).toEqual(['l1']);
  });
});
