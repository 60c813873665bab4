import { describe, expect, it } from 'vitest';
import { keymapsByScope } from '../../../src/screens/keymaps.js';

describe('keymaps', () => {
  for (const [scope, keymaps] of Object.entries(keymapsByScope)) {
    it(`${scope}: binds no key twice and describes every binding`, () => {
      const seen = new Map<string, string>();
      for (const binding of keymaps.flatMap((k) => k.bindings)) {
        expect(binding.description.trim(), `${binding.id} has no description`).not.toBe('');
        expect(binding.group.trim(), `${binding.id} has no group`).not.toBe('');
        expect(binding.keys.length, `${binding.id} has no key`).toBeGreaterThan(0);
        for (const key of binding.keys) {
          expect(seen.get(key), `key "${key}" bound to both ${seen.get(key)} and ${binding.id} in ${scope}`).toBeUndefined();
          seen.set(key, binding.id);
        }
      }
    });
  }

  it('every scope includes the global keys', () => {
    for (const keymaps of Object.values(keymapsByScope)) expect(keymaps.map((k) => k.scope)).toContain('global');
  });
});

describe('dashboard keymaps', () => {
  it('leave i free for the setup wizard\'s install key', async () => {
    const { dashboardKeymap } = await import('../../../src/screens/keymaps.js');
    expect(dashboardKeymap.bindings.flatMap((b) => b.keys)).not.toContain('i');
  });

  it('offer the later releases\' actions (update, backup) on the list and the details, so they can show why they are off', async () => {
    const { dashboardKeymap, detailsKeymap } = await import('../../../src/screens/keymaps.js');
    for (const keymap of [dashboardKeymap, detailsKeymap]) expect(keymap.bindings.map((b) => b.id)).toEqual(expect.arrayContaining(['logs', 'restart', 'url', 'update', 'backup']));
    expect(dashboardKeymap.bindings.find((b) => b.id === 'restart')?.dangerous).toBe(true);
  });
});
