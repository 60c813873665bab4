import { describe, expect, it } from 'vitest';
import { isRestartable } from '../../../src/providers/provider.js';
import { createProviderRegistry } from '../../../src/providers/registry.js';
import { settingsSchema } from '../../../src/services/config/settings.js';
import { shippedRecipe } from '../../support/catalog.js';

describe('provider registry', () => {
  const registry = createProviderRegistry(settingsSchema.parse({}));

  it('has the compose provider, restartable, rendering compose inputs, its project following the name', async () => {
    const entry = registry.entry('compose');
    expect(registry.ids).toContain('compose');
    expect(entry.provider.id).toBe('compose');
    expect(isRestartable(entry.provider)).toBe(true);
    expect(entry.nameAnswers?.('lab2')).toEqual({ compose_project: 'lab2' });
    expect(entry.render(await shippedRecipe('labapp'), { version: '1', port: 8080, data_dir: '/srv/x', compose_project: 'p' })).toMatchObject({ provider: 'compose', project: 'p' });
  });

  it('a provider without an implementation in this build is a UserError naming the ones there are', () => {
    expect(() => registry.entry('k3s')).toThrow(/the Kubernetes provider \(k3s\) is not available in this version of homelab-tui/);
  });
});
