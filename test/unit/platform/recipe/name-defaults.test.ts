import { describe, expect, it } from 'vitest';
import { nameDefaults, namedDefaultProblem, withName } from '../../../../src/platform/recipe/name-defaults.js';
import type { Question } from '../../../../src/platform/recipe/question-schema.js';
import { shippedRecipe } from '../../../support/catalog.js';

const path = { id: 'data_dir', type: 'path', label: 'Data', advanced: false, required: true } as unknown as Question;
const port = { id: 'port', type: 'port', label: 'Port', advanced: false, required: true } as unknown as Question;

describe('path defaults that follow the deployment name', () => {
  it('the shipped recipes derive their own data folders from the name, not shared ones', async () => {
    expect(nameDefaults(await shippedRecipe('labapp'), 'compose', 'lab2')).toEqual({ data_dir: '/srv/lab2/data' });
    const komga = nameDefaults(await shippedRecipe('komga'), 'compose', 'comics');
    expect(komga).toMatchObject({ config_dir: '/srv/comics/config', tmp_dir: '/srv/comics/tmp' });
    expect(komga).not.toHaveProperty('comics_dir');
  });

  it('replaces {{ name }} in text and lists, and leaves other values alone', () => {
    expect(withName('/srv/{{ name }}/data', 'a')).toBe('/srv/a/data');
    expect(withName(['/srv/{{name}}/x', 3], 'b')).toEqual(['/srv/b/x', 3]);
    expect(withName(8080, 'c')).toBe(8080);
  });

  it('a recipe may put only {{ name }}, and only in path defaults', () => {
    expect(namedDefaultProblem(path, '/srv/{{ name }}/data')).toBeUndefined();
    expect(namedDefaultProblem(path, '/srv/{{ version }}/data')).toBe('a default may hold only {{ name }} (the deployment name), not {{ version }}');
    expect(namedDefaultProblem(port, '{{ name }}')).toBe('only path defaults may hold {{ name }} (the deployment name)');
  });
});
