import { describe, expect, it } from 'vitest';
import { requireComplete, resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { renderK3sInputs } from '../../../../src/providers/k3s/render.js';
import { renderManifests } from '../../../../src/providers/k3s/manifests.js';
import { questionsFor } from '../../../../src/platform/recipe/questions.js';
import { sampleText, shippedCatalog, shippedRecipe } from '../../../support/catalog.js';
import { k8sSchemaErrors } from '../../../support/k8s-schemas.js';
import type { Recipe } from '../../../../src/platform/recipe/recipe-schema.js';

/** Answers for a recipe on k3s: the defaults, a sample for each required question without one, and an Ingress host. */
function answersFor(recipe: Recipe, extra: string[] = []) {
  const questions = questionsFor(recipe, 'k3s');
  const missing = resolveAnswers(recipe, 'k3s', { sets: extra }, { generateSecrets: true }).missing;
  const sets = [...missing.map((q) => `${q.id}=${sampleText(q)}`), ...(questions.some((q) => q.id === 'k3s_ingress_host') ? ['k3s_ingress_host=app.example.org'] : []), ...extra];
  return requireComplete(resolveAnswers(recipe, 'k3s', { sets }, { generateSecrets: true }));
}

describe('k3s manifests', async () => {
  const catalog = await shippedCatalog();
  const recipes = catalog.recipes.filter((r) => r.k3s !== undefined);

  it('the catalog has k3s recipes to check', () => {
    expect(recipes.length).toBeGreaterThanOrEqual(4);
  });

  for (const recipe of recipes) {
    it(`${recipe.id}: every object is valid against the strict Kubernetes v1.31 schemas`, () => {
      const objects = renderManifests('demo', renderK3sInputs(recipe, answersFor(recipe)));
      expect(objects.length).toBeGreaterThan(2);
      for (const object of objects) expect(k8sSchemaErrors(object), `${object.kind}/${object.metadata.name}`).toEqual([]);
    });
  }

  it('labapp: namespace, PVC on the class, Deployment (Recreate, readiness on /health), Service, Ingress for Traefik, all labelled', async () => {
    const recipe = await shippedRecipe('labapp');
    const objects = renderManifests('lab1', renderK3sInputs(recipe, answersFor(recipe, ['k3s_namespace=lab1'])));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/lab1', 'PersistentVolumeClaim/labapp-data', 'Deployment/labapp', 'Service/labapp', 'Ingress/lab1']);
    for (const o of objects) expect(o.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'homelab-tui', 'app.kubernetes.io/instance': 'lab1' });
    const deployment = objects[2] as unknown as { spec: { strategy: unknown; template: { spec: { containers: { readinessProbe: unknown }[] } } } };
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(deployment.spec.template.spec.containers[0]?.readinessProbe).toMatchObject({ httpGet: { path: '/health', port: 8080 } });
    expect(objects[1]).toMatchObject({ spec: { storageClassName: 'local-path', resources: { requests: { storage: '64M' } } } });
    expect(objects[4]).toMatchObject({ spec: { ingressClassName: 'traefik', rules: [{ host: 'app.example.org' }] } });
  });

  it('secrets go into a Secret referenced by secretKeyRef, never into the Deployment', async () => {
    const recipe = await shippedRecipe('vikunja');
    const inputs = renderK3sInputs(recipe, answersFor(recipe, ['db_type=postgres']));
    const objects = renderManifests('tasks', inputs);
    const workloads = JSON.stringify(objects.filter((o) => o.kind === 'Deployment'));
    expect(inputs.secretValues.length).toBeGreaterThan(0);
    for (const secret of inputs.secretValues) expect(workloads).not.toContain(secret);
    expect(workloads).toContain('secretKeyRef');
    expect(objects.some((o) => o.kind === 'Secret')).toBe(true);
  });

  it('a strict schema rejects an unknown field (the check can fail)', () => {
    expect(k8sSchemaErrors({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' }, spek: {} })).not.toEqual([]);
  });
});
