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

  // Answers beyond the defaults that change which workloads a recipe renders (an embedded database server runs as a StatefulSet).
  const VARIANTS: Record<string, string[][]> = { vikunja: [['db_type=postgres'], ['db_type=mysql'], ['db_type=postgres', 'redis=true']] };
  for (const recipe of recipes) {
    for (const variant of [[], ...(VARIANTS[recipe.id] ?? [])]) {
      it(`${recipe.id}${variant.length ? ` (${variant.join(', ')})` : ''}: every object is valid against the strict Kubernetes v1.31 schemas`, () => {
        const objects = renderManifests('demo', renderK3sInputs(recipe, answersFor(recipe, variant)));
        expect(objects.length).toBeGreaterThan(2);
        for (const object of objects) expect(k8sSchemaErrors(object), `${object.kind}/${object.metadata.name}`).toEqual([]);
      });
    }
  }

  it('the recipes checked above cover every kind the provider applies, a StatefulSet included', () => {
    const kinds = new Set(recipes.flatMap((recipe) => [[], ...(VARIANTS[recipe.id] ?? [])].flatMap((variant) => renderManifests('demo', renderK3sInputs(recipe, answersFor(recipe, variant))).map((o) => o.kind))));
    expect([...kinds].sort()).toEqual(['Deployment', 'Ingress', 'Namespace', 'PersistentVolumeClaim', 'Secret', 'Service', 'StatefulSet']);
  });

  it('vikunja with an embedded PostgreSQL: db is a StatefulSet on its own named PVC, with a headless Service it names; the app stays a Deployment', async () => {
    const recipe = await shippedRecipe('vikunja');
    const objects = renderManifests('tasks', renderK3sInputs(recipe, answersFor(recipe, ['db_type=postgres', 'k3s_namespace=tasks'])));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/tasks',
      'Secret/vikunja-env',
      'PersistentVolumeClaim/vikunja-files',
      'Deployment/vikunja',
      'Service/vikunja',
      'Secret/db-env',
      'PersistentVolumeClaim/db-pgdata',
      'StatefulSet/db',
      'Service/db',
      'Service/db-headless',
      'Ingress/tasks',
    ]);
    const sts = objects.find((o) => o.kind === 'StatefulSet') as unknown as { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> & { template: { spec: { volumes: unknown[]; containers: { image: string }[] } } } };
    expect(sts.spec).toMatchObject({ replicas: 1, serviceName: 'db-headless', updateStrategy: { type: 'RollingUpdate' }, selector: { matchLabels: { 'app.kubernetes.io/instance': 'tasks', 'app.kubernetes.io/component': 'db' } } });
    // The data is the deployment's own PVC (uninstall keeps it, purge and pvc-backup find it by label), not a volumeClaimTemplate.
    expect(sts.spec).not.toHaveProperty('volumeClaimTemplates');
    expect(sts.spec.template.spec.volumes).toEqual([{ name: 'pgdata', persistentVolumeClaim: { claimName: 'db-pgdata' } }]);
    expect(sts.spec.template.spec.containers[0]?.image).toBe('postgres:16');
    expect(sts.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'homelab-tui', 'app.kubernetes.io/component': 'db' });
    expect(objects.find((o) => o.metadata.name === 'db-headless')).toMatchObject({ spec: { clusterIP: 'None', ports: [{ name: 'postgres', port: 5432 }] } });
    expect(objects.find((o) => o.kind === 'Service' && o.metadata.name === 'db')).not.toHaveProperty('spec.clusterIP');
  });

  it('vikunja with SQLite or an existing server has no StatefulSet (no database server of its own)', async () => {
    const recipe = await shippedRecipe('vikunja');
    for (const sets of [[], ['db_type=postgres', 'db_mode=existing', 'db_host=db.example.org', 'db_password=x']]) {
      const kinds = renderManifests('tasks', renderK3sInputs(recipe, answersFor(recipe, sets))).map((o) => o.kind);
      expect(kinds).toContain('Deployment');
      expect(kinds).not.toContain('StatefulSet');
    }
  });

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
    const workloads = JSON.stringify(objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet'));
    expect(inputs.secretValues.length).toBeGreaterThan(0);
    for (const secret of inputs.secretValues) expect(workloads).not.toContain(secret);
    expect(workloads).toContain('secretKeyRef');
    expect(objects.some((o) => o.kind === 'Secret')).toBe(true);
  });

  it('a strict schema rejects an unknown field (the check can fail)', () => {
    expect(k8sSchemaErrors({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' }, spek: {} })).not.toEqual([]);
  });
});
