import { describe, expect, it } from 'vitest';
import { parseFolderBytes, progressLine, throttledProgress } from '../../../../src/services/backup/backup-progress.js';

const MIB = 2 ** 20;

describe('backup progress', () => {
  it('reads du\'s byte count', () => {
    expect(parseFolderBytes('1073741824\t/srv/app/data\n')).toBe(1073741824);
    expect(parseFolderBytes('du: cannot access')).toBeUndefined();
  });

  it('says bytes, total and percent, below 100 until the member is done', () => {
    expect(progressLine({ member: 'data/0.tar', bytes: 512 * MIB, total: 1024 * MIB })).toBe('data/0.tar: 512.0 MiB of about 1.00 GiB (50%)');
    expect(progressLine({ member: 'data/0.tar', bytes: 1030 * MIB, total: 1024 * MIB })).toContain('(99%)');
    // A tar of a near-empty folder is 10 KiB (its blocking) against du's 100 bytes: never "10.0 KiB of about 0.1 KiB".
    expect(progressLine({ member: 'data/0.tar', bytes: 10240, total: 100 })).toBe('data/0.tar: 10.0 KiB of about 10.0 KiB (99%)');
    expect(progressLine({ member: 'database.sql', bytes: 3 * MIB })).toBe('database.sql: 3.0 MiB');
    expect(progressLine({ member: 'data/0.tar', bytes: 2560, total: 10240 })).toBe('data/0.tar: 2.5 KiB of about 10.0 KiB (25%)');
  });

  it('prints once per 10% of a member, again for the next member', () => {
    const lines: string[] = [];
    const report = throttledProgress((line) => lines.push(line));
    for (let bytes = 0; bytes <= 100 * MIB; bytes += MIB / 4) report({ member: 'data/0.tar', bytes, total: 100 * MIB });
    expect(lines.map((l) => /\((\d+)%\)/.exec(l)?.[1])).toEqual(['0', '10', '20', '30', '40', '50', '60', '70', '80', '90', '99']);
    report({ member: 'data/1.tar', bytes: 1, total: 10 });
    expect(lines.at(-1)).toMatch(/^data\/1\.tar: .*\(10%\)$/);
  });
});
