import { describe, expect, it } from 'vitest';
import { columnsFor } from '../../../src/screens/fleet-columns.js';

describe('columnsFor', () => {
  it('computes a width\'s layout once: the same object on every render, so unchanged lines are not drawn again', () => {
    expect(columnsFor(160)).toBe(columnsFor(160));
    expect(columnsFor(80)).not.toBe(columnsFor(160));
    expect(Object.isFrozen(columnsFor(120))).toBe(true);
  });

  it('drops CPU and memory, then the version, as the terminal narrows; the name takes the rest up to 48', () => {
    expect(columnsFor(100)).toMatchObject({ cpu: 6, memory: 7, version: 9, name: 100 - 4 - 57 });
    expect(columnsFor(160)).toMatchObject({ cpu: 6, memory: 7, version: 9, name: 48 });
    expect(columnsFor(70)).toMatchObject({ cpu: 0, memory: 0, version: 9 });
    expect(columnsFor(50)).toMatchObject({ cpu: 0, memory: 0, version: 0, name: 46 - 35 });
  });
});
