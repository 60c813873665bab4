import { describe, expect, it } from 'vitest';
import { editSets, prefillOf } from '../../../src/store/wizard-edit.js';
import { NAME_FIELD } from '../../../src/services/wizard/form-model.js';
import { RECORD_SCHEMA, type DeploymentRecord } from '../../../src/platform/deployments/deployment-record.js';

const record: DeploymentRecord = {
  schema: RECORD_SCHEMA, name: 'web', app: 'labapp', version: '1', provider: 'compose', host: 'docker', createdAt: 'x', updatedAt: 'x',
  answers: { version: '1', port: 8395, data_dir: '/srv/web/data', tags: ['a', 'b'] }, secretKeys: ['token'], refs: {}, urls: [], releases: [],
};

describe('the wizard in edit mode', () => {
  it('is pre-filled with the record\'s answers as texts and its name; secrets are not in records', () => {
    expect(prefillOf(record)).toEqual({ [NAME_FIELD]: 'web', version: '1', port: '8395', data_dir: '/srv/web/data', tags: 'a,b' });
  });

  it('passes on only what differs from the pre-filled text, even a value equal to the recipe default, never the name', () => {
    const prefill = prefillOf(record);
    expect(editSets({ ...prefill, port: '8080', [NAME_FIELD]: 'other' }, prefill)).toEqual(['port=8080']);
    expect(editSets(prefill, prefill)).toEqual([]);
  });
});
