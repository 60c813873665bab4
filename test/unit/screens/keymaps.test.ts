import { describe, expect, it } from 'vitest';
import { labelOf } from '../../../src/screens/keymap.js';
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

describe('footers', () => {
  // The footer is one row: what it shows must fit an 80-column terminal, or the last hints are cut.
  for (const [scope, keymaps] of Object.entries(keymapsByScope)) {
    it(`${scope}: the footer hints fit in 80 columns`, () => {
      const text = keymaps
        .flatMap((k) => k.bindings.filter((b) => b.footer))
        .map((b) => `${labelOf(b)} ${b.short ?? b.description}`)
        .join('  ');
      expect(text.length, text).toBeLessThanOrEqual(80);
    });
  }
});

describe('dashboard keymaps', () => {
  it('open the setup wizard with i', async () => {
    const { dashboardKeymap } = await import('../../../src/screens/keymaps.js');
    expect(dashboardKeymap.bindings.find((b) => b.keys.includes('i'))?.id).toBe('install');
  });

  it('offer the later releases\' actions (update, backup) on the list and the details, so they can show why they are off', async () => {
    const { dashboardKeymap, detailsKeymap } = await import('../../../src/screens/keymaps.js');
    for (const keymap of [dashboardKeymap, detailsKeymap]) expect(keymap.bindings.map((b) => b.id)).toEqual(expect.arrayContaining(['logs', 'restart', 'url', 'update', 'backup']));
    expect(dashboardKeymap.bindings.find((b) => b.id === 'restart')?.dangerous).toBe(true);
  });
});
