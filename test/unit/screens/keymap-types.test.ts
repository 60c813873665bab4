import { describe, expect, it } from 'vitest';
import { bindingById, defineKeymap, useKeymap, type BindingId, type DisabledReasons, type Handlers } from '../../../src/screens/keymap.js';
import { dashboardKeymap, detailsKeymap } from '../../../src/screens/keymaps.js';

// Binding ids are a typed union per keymap: a misspelt id in a keymap's handlers, its disabled
// reasons or a lookup does not compile. `npx tsc` checks the @ts-expect-error lines below: each would
// be reported as an unused directive if the misspelling compiled.
describe('typed keymap ids', () => {
  it('a keymap keeps its ids as a union of literals', () => {
    const demo = defineKeymap({ scope: 'demo', bindings: [{ id: 'open', keys: ['o'], description: 'open', group: 'G' }] });
    const id: BindingId<typeof demo> = 'open';
    // @ts-expect-error: 'opne' is not a binding of the demo keymap
    const typo: BindingId<typeof demo> = 'opne';
    expect([id, typo]).toEqual(['open', 'opne']);
  });

  it('handlers, disabled reasons and lookups with a misspelt id do not compile', () => {
    const handlers: Handlers<BindingId<typeof dashboardKeymap>> = {
      restart: () => undefined,
      // @ts-expect-error: the dashboard has no binding 'restrat'
      restrat: () => undefined,
    };
    const reasons: DisabledReasons<BindingId<typeof detailsKeymap>> = {
      // @ts-expect-error: the details have no binding 'instal' (nor 'install')
      instal: 'nope',
    };
    expect(bindingById(dashboardKeymap, 'uninstall')?.keys).toEqual(['X']);
    // @ts-expect-error: 'unistall' is not a dashboard binding
    expect(bindingById(dashboardKeymap, 'unistall')).toBeUndefined();
    expect(Object.keys(handlers)).toContain('restart');
    expect(reasons).toBeDefined();
  });

  it('dispatch through useKeymap with a misspelt handler does not compile', () => {
    // Never rendered: only the types are under test here.
    const screen = (): void =>
      useKeymap(dashboardKeymap, {
        install: () => undefined,
        // @ts-expect-error: 'instal' is not a dashboard binding
        instal: () => undefined,
      });
    expect(typeof screen).toBe('function');
  });

  it('the deployment actions bound on the list and the details are ids of the action table', () => {
    const ids: ReadonlyArray<BindingId<typeof detailsKeymap>> = ['logs', 'restart', 'url', 'update', 'backup', 'reconfigure', 'uninstall', 'stop', 'start', 'shell', 'back', 'reload', 'nextBackup', 'previousBackup', 'restore'];
    expect(detailsKeymap.bindings.map((b) => b.id).sort()).toEqual([...ids].sort());
  });
});
