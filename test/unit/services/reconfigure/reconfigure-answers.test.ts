import { describe, expect, it } from 'vitest';
import { reconfigureAnswers } from '../../../../src/services/reconfigure/reconfigure-answers.js';
import { UserError } from '../../../../src/platform/errors.js';
import { fileURLToPath } from 'node:url';
import { shippedRecipe } from '../../../support/catalog.js';
import { findRecipe, loadCatalog } from '../../../../src/services/catalog/catalog.js';
import { RECORD_SCHEMA, type DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';

function record(answers: Record<string, unknown>, secretKeys: string[] = []): DeploymentRecord {
  return { schema: RECORD_SCHEMA, name: 'web', app: 'labapp', version: '1', provider: 'compose', host: 'docker', createdAt: 'x', updatedAt: 'x', answers, secretKeys, refs: {}, urls: [], releases: [] };
}

const current = { version: '1', port: 8383, data_dir: '/srv/web/data', compose_project: 'web' };

describe('reconfigureAnswers', () => {
  it('starts from the record and lists only what changes, old -> new', async () => {
    const recipe = await shippedRecipe('labapp');
    const result = reconfigureAnswers(recipe, record(current), { sets: ['port=8384'] });
    expect(result.changes).toEqual([{ id: 'port', label: 'Host port', before: 8383, after: 8384, secret: false }]);
    expect(result.after).toMatchObject({ ...current, port: 8384 });
    expect(result.before).toMatchObject(current);
  });

  it('no change: no changes listed', async () => {
    const result = reconfigureAnswers(await shippedRecipe('labapp'), record(current), { sets: ['port=8383'] });
    expect(result.changes).toEqual([]);
  });

  it('a bad value is a UserError naming the field and what is valid (exit 2)', async () => {
    const recipe = await shippedRecipe('labapp');
    const error = (() => {
      try {
        reconfigureAnswers(recipe, record(current), { sets: ['port=99999'] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toContain('"port" (Host port)');
    expect((error as UserError).hint).toContain('1 to 65535');
  });

  it('the version is refused with the update command as the hint', async () => {
    const recipe = await shippedRecipe('labapp');
    expect(() => reconfigureAnswers(recipe, record(current), { sets: ['version=2'] })).toThrow(/"version" \(.*\) of web cannot be changed by reconfigure/);
  });

  it('a kept secret stays out of the changes, and changing it is refused without echoing it', async () => {
    const recipe = findRecipe(await loadCatalog(fileURLToPath(new URL('../../../e2e/compose/catalog', import.meta.url))), 'labsecret');
    const kept = { ...record({ version: '1', port: 8080, data_dir: '/srv/labsecret/data', compose_project: 'web' }, ['token']), app: 'labsecret' };
    const same = reconfigureAnswers(recipe, kept, { sets: ['port=8081'] });
    expect(same.changes.map((c) => c.id)).toEqual(['port']);
    expect(same.after.token).toBe(same.before.token);
    expect(() => reconfigureAnswers(recipe, kept, { sets: ['token=hunter2hunter2'] })).toThrow(/"token" \(Token\) is a secret kept on the host/);
    try {
      reconfigureAnswers(recipe, kept, { sets: ['token=hunter2hunter2'] });
    } catch (e) {
      expect(String((e as Error).message) + String((e as UserError).hint)).not.toContain('hunter2');
    }
  });
});
