import { describe, expect, it } from 'vitest';
import { parseWorkloadFingerprint, type WorkloadFingerprint } from '../../../../../src/providers/k3s/adopt/fingerprint.js';
import { matchK3sRecipe } from '../../../../../src/providers/k3s/adopt/match-recipe.js';
import { UserError } from '../../../../../src/platform/errors.js';
import { shippedCatalog } from '../../../../support/catalog.js';
import { NAMESPACE_LIST } from './k3s-fixtures.js';

function notes(): WorkloadFingerprint {
  const fp = parseWorkloadFingerprint(JSON.stringify(NAMESPACE_LIST), 'byhand', 'notes');
  if (!fp || 'problem' in fp) throw new Error('fixture');
  return fp;
}

function withImage(image: string, env: WorkloadFingerprint['containers'][number]['env'] = []): WorkloadFingerprint {
  const fp = notes();
  return { ...fp, containers: [{ ...fp.containers[0]!, image, env }] };
}

describe('matching a k3s workload to a recipe', () => {
  it('finds the recipe whose k3s service runs the image, the version from its tag, the namespace, storage class and Ingress host', async () => {
    const { recipes } = await shippedCatalog();
    const match = matchK3sRecipe(recipes, notes());
    expect(match?.recipe.id).toBe('labapp');
    expect(match?.version).toBe('1');
    expect(match?.containers).toEqual({ labapp: 'web' });
    expect(match?.answers).toEqual({ k3s_namespace: 'byhand', k3s_storage_class: 'local-path', k3s_ingress_host: 'notes.lab' });
    expect(match?.evidence).toMatchObject({ version: "the tag of web's image local/labapp:1", k3s_storage_class: 'PVC notes-data (64M) mounted at /data' });
    expect(match?.notes).toEqual([]);
  });

  it('matches the image as the engine names it (docker.io/library, localhost)', async () => {
    const { recipes } = await shippedCatalog();
    expect(matchK3sRecipe(recipes, withImage('localhost/local/labapp:2'))?.version).toBe('2');
  });

  it("assumes the recipe's newest version, saying so, when the tag is not one it lists", async () => {
    const { recipes } = await shippedCatalog();
    const match = matchK3sRecipe(recipes, withImage('local/labapp:9'));
    expect(match?.version).toBe('1');
    expect(match?.notes).toContainEqual(expect.stringMatching(/tag 9 is not a version the recipe lists .*version 1 is assumed \(the recipe's newest\)/));
  });

  it('reads plain env values as answers and names those from a Secret as secrets, never their values', async () => {
    const { recipes } = await shippedCatalog();
    const env = [
      { name: 'VIKUNJA_SERVICE_PUBLICURL', value: 'https://tasks.lab/' },
      { name: 'VIKUNJA_SERVICE_ENABLEREGISTRATION', value: 'false' },
      { name: 'VIKUNJA_SERVICE_SECRET', secret: { name: 'vk', key: 'secret' } },
    ];
    const match = matchK3sRecipe(recipes, withImage('vikunja/vikunja:2.5.0', env));
    expect(match?.recipe.id).toBe('vikunja');
    expect(match?.answers).toMatchObject({ public_url: 'https://tasks.lab/', enable_registration: false });
    expect(match?.evidence.public_url).toBe('env VIKUNJA_SERVICE_PUBLICURL of container web');
    expect(match?.secretAnswers).toEqual(['service_secret']);
    expect(JSON.stringify(match?.answers)).not.toContain('vk');
  });

  it('matches nothing for images no recipe runs, and --app forces the recipe', async () => {
    const { recipes } = await shippedCatalog();
    expect(matchK3sRecipe(recipes, withImage('busybox:1.36'))).toBeUndefined();
    expect(matchK3sRecipe(recipes, notes(), 'vikunja')).toBeUndefined();
    expect(matchK3sRecipe(recipes, notes(), 'labapp')?.recipe.id).toBe('labapp');
  });

  it('refuses --app naming a recipe without a k3s section, or no recipe, naming the field and what is valid', async () => {
    const { recipes } = await shippedCatalog();
    const noK3s = recipes.map((r) => (r.id === 'labapp' ? { ...r, k3s: undefined } : r));
    expect(() => matchK3sRecipe(noK3s, notes(), 'labapp')).toThrow(UserError);
    expect(() => matchK3sRecipe(noK3s, notes(), 'labapp')).toThrow(/^--app labapp: the recipe Lab app has no k3s section, so it cannot run on k3s$/);
    try {
      matchK3sRecipe(noK3s, notes(), 'labapp');
    } catch (error) {
      expect((error as UserError).hint).toMatch(/^apps with one: .*vikunja/);
      expect((error as UserError).hint).not.toMatch(/labapp/);
    }
    expect(() => matchK3sRecipe(recipes, notes(), 'nope')).toThrow(/^--app nope: no recipe with that id$/);
  });
});
