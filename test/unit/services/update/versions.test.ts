import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/platform/errors.js';
import { compareVersions, newestVersion, pickTarget } from '../../../../src/services/update/versions.js';

describe('compareVersions', () => {
  it('orders dotted numbers numerically, a missing part as 0, a leading v ignored', () => {
    expect(compareVersions('10.10.7', '10.11.0')).toBe(-1);
    expect(compareVersions('2', '1')).toBe(1);
    expect(compareVersions('1.0', '1')).toBe(0);
    expect(compareVersions('v2.5.0', '2.4.9')).toBe(1);
  });

  it('has no order for tags that are not version numbers', () => {
    expect(compareVersions('bad', '1')).toBeUndefined();
    expect(compareVersions('1', 'latest')).toBeUndefined();
  });
});

describe('newestVersion', () => {
  it('is the highest version number, wherever the recipe lists it', () => {
    expect(newestVersion({ versions: ['1', '2', 'bad'] })).toBe('2');
    expect(newestVersion({ versions: ['10.10.7', '10.9.1'] })).toBe('10.10.7');
  });

  it('is the first entry when none is a number', () => {
    expect(newestVersion({ versions: ['edge', 'stable'] })).toBe('edge');
  });
});

describe('pickTarget', () => {
  const recipe = { id: 'labapp', versions: ['1', '2', 'bad'] };

  it('goes to the newest without --to, and to --to when the recipe lists it', () => {
    expect(pickTarget(recipe, '1', { name: 'x' })).toEqual({ from: '1', to: '2', direction: 'newer' });
    expect(pickTarget(recipe, '1', { name: 'x', to: 'bad' })).toEqual({ from: '1', to: 'bad', direction: 'unordered' });
  });

  it('refuses a version the recipe does not list (exit 2), naming the ones it does', () => {
    const error = (() => {
      try {
        pickTarget(recipe, '1', { name: 'x', to: '7' });
      } catch (e) {
        return e as UserError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(error?.exitCode).toBe(2);
    expect(error?.hint).toContain('1, 2, bad');
  });

  it('refuses a downgrade unless allowed, and the version it already runs (exit 1)', () => {
    expect(() => pickTarget(recipe, '2', { name: 'x', to: '1' })).toThrow(/older than 2/);
    expect(pickTarget(recipe, '2', { name: 'x', to: '1', allowDowngrade: true }).direction).toBe('older');
    expect(() => pickTarget(recipe, '2', { name: 'x' })).toThrow(/already runs labapp 2/);
  });
});
