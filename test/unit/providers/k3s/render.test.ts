import { describe, expect, it } from 'vitest';
import { requireComplete, resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { renderK3sInputs } from '../../../../src/providers/k3s/render.js';
import { shippedRecipe } from '../../../support/catalog.js';

async function k3s(id: string, ...sets: string[]) {
  const recipe = await shippedRecipe(id);
  return renderK3sInputs(recipe, requireComplete(resolveAnswers(recipe, 'k3s', { sets })));
}

describe('renderK3sInputs', () => {
  it('Vikunja with PostgreSQL: PVC-backed volumes, a db workload with its port, the container port probed', async () => {
    const inputs = await k3s('vikunja', 'public_url=https://tasks.example.com/', 'db_type=postgres', 'k3s_namespace=tasks');
    expect(inputs.namespace).toBe('tasks');
    expect(inputs.storageClass).toBe('local-path');
    const [app, db] = inputs.services;
    expect(app?.volumes).toEqual([{ name: 'files', kind: 'data', containerPath: '/app/vikunja/files', readOnly: false, size: '5G' }]);
    expect(app?.env.VIKUNJA_DATABASE_HOST).toBe('db');
    expect(db?.ports).toEqual([{ name: 'postgres', container: 5432, protocol: 'tcp' }]);
    expect(db?.env.PGDATA).toBe('/var/lib/postgresql/data/pgdata');
    expect(inputs.health).toMatchObject({ service: 'vikunja', port: 3456 });
    expect(inputs).not.toHaveProperty('ingress');
  });

  it('adds an Ingress to the main service when a host name is given', async () => {
    const inputs = await k3s('vikunja', 'public_url=https://tasks.example.com/', 'k3s_ingress_host=tasks.example.com');
    expect(inputs.ingress).toEqual({ host: 'tasks.example.com', service: 'vikunja', port: 3456 });
  });

  it('Kavita: libraries as read-only hostPath volumes, config on a PVC', async () => {
    const volumes = (await k3s('kavita')).services[0]?.volumes;
    expect(volumes).toEqual([
      { name: 'config', kind: 'data', containerPath: '/config', readOnly: false, size: '2G' },
      { name: 'library-1', kind: 'shared', hostPath: '/srv/media/books', containerPath: '/srv/media/books', readOnly: true, size: '1G' },
    ]);
  });

  it('Komga with Komf: two workloads; Komf reaches Komga by its Service name', async () => {
    const inputs = await k3s('komga', 'komf=true', 'komf_komga_user=komf@example.org', 'komf_komga_password=pw-komga');
    expect(inputs.services.map((s) => s.name)).toEqual(['komga', 'komf']);
    expect(inputs.services[1]?.env.KOMF_KOMGA_BASE_URI).toBe('http://komga:25600');
    expect(inputs.secretValues).toEqual(['pw-komga']);
  });
});
