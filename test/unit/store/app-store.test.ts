import { describe, expect, it } from 'vitest';
import { assertDisjoint, createAppStore } from '../../../src/store/app-store.js';
import { fakeAppDeps } from '../../support/render-app.js';

describe('the app store', () => {
  it('is made of slices that never share a key', () => {
    expect(() => createAppStore(fakeAppDeps())).not.toThrow();
    expect(() => assertDisjoint({ wizard: { answerConfirm: 1 }, actions: { answerConfirm: 2 } })).toThrow(
      'store slices "wizard" and "actions" both define "answerConfirm"',
    );
  });
});
