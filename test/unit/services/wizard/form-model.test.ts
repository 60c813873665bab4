import { describe, expect, it } from 'vitest';
import { evaluateForm, NAME_FIELD } from '../../../../src/services/wizard/form-model.js';
import { shippedRecipe } from '../../../support/catalog.js';
import { pveFacts } from '../../../support/host-facts.js';
import { providerDetector } from '../../../../src/providers/registry.js';

const composeName = (name: string) => ({ compose_project: name });

describe('evaluateForm', () => {
  it('pre-fills defaults and hands nothing to the pipeline while nothing is typed', async () => {
    const recipe = await shippedRecipe('labapp');
    const state = evaluateForm({ recipe, provider: 'compose', nameAnswers: composeName }, { edited: {}, showAdvanced: false });
    expect(state.fields.map((f) => [f.id, f.text])).toEqual([
      [NAME_FIELD, 'labapp'],
      ['port', '8080'],
      ['data_dir', '/srv/labapp/data'],
    ]);
    expect(state.advancedHidden).toBe(2);
    expect(state).toMatchObject({ name: 'labapp', valid: true, sets: [], repeatable: {} });
    expect(state.answers).toMatchObject({ version: '1', port: 8080, compose_project: 'labapp' });
  });

  it('checks typed text with the reason in words, and passes what changed as --set', async () => {
    const recipe = await shippedRecipe('labapp');
    const bad = evaluateForm({ recipe, provider: 'compose' }, { edited: { port: '70000' }, showAdvanced: false });
    expect(bad.valid).toBe(false);
    expect(bad.fields.find((f) => f.id === 'port')?.error).toMatch(/65535/);
    const good = evaluateForm({ recipe, provider: 'compose', nameAnswers: composeName }, { edited: { port: '18080', [NAME_FIELD]: 'lab-two' }, showAdvanced: false });
    expect(good.valid).toBe(true);
    expect(good.sets).toEqual(['port=18080']);
    expect(good.repeatable).toEqual({ port: '18080' });
    // The compose project follows the deployment name unless typed.
    expect(good.answers.compose_project).toBe('lab-two');
  });

  it('refuses a deployment name the record would refuse', async () => {
    const recipe = await shippedRecipe('labapp');
    const state = evaluateForm({ recipe, provider: 'compose' }, { edited: { [NAME_FIELD]: 'Lab_App' }, showAdvanced: false });
    expect(state.valid).toBe(false);
    expect(state.fields[0]?.error).toBe('"Lab_App" is not allowed: lower-case letters, digits and inner hyphens');
  });

  it('shows advanced questions only when asked, and counts problems hidden there', async () => {
    const recipe = await shippedRecipe('labapp');
    const hidden = evaluateForm({ recipe, provider: 'compose' }, { edited: { compose_project: 'Bad!' }, showAdvanced: false });
    expect(hidden.fields.map((f) => f.id)).not.toContain('compose_project');
    expect(hidden).toMatchObject({ advancedHidden: 2, advancedProblems: 1, valid: false });
    const shown = evaluateForm({ recipe, provider: 'compose' }, { edited: {}, showAdvanced: true });
    expect(shown.fields.map((f) => f.id)).toEqual([NAME_FIELD, 'version', 'port', 'data_dir', 'compose_project']);
    expect(shown.fields.find((f) => f.id === 'version')).toMatchObject({ input: 'choice', choices: [{ value: '1' }, { value: '2' }, { value: 'bad' }] });
  });

  it('follows conditions: the database questions appear with PostgreSQL, under their own heading', async () => {
    const recipe = await shippedRecipe('vikunja');
    const sqlite = evaluateForm({ recipe, provider: 'compose' }, { edited: { public_url: 'https://tasks.example.org/' }, showAdvanced: false });
    expect(sqlite.fields.filter((f) => f.section === 'Database').map((f) => f.id)).toEqual(['db_type']);
    const existing = evaluateForm({ recipe, provider: 'compose' }, { edited: { public_url: 'https://tasks.example.org/', db_type: 'postgres', db_mode: 'existing' }, showAdvanced: false });
    expect(existing.fields.filter((f) => f.section === 'Database').map((f) => f.id)).toEqual(['db_type', 'db_mode', 'db_host', 'db_port', 'db_name', 'db_user', 'db_password']);
    expect(existing.fields.find((f) => f.id === 'db_port')?.text).toBe('5432');
    expect(existing.fields.find((f) => f.id === 'db_password')).toMatchObject({ input: 'secret', missing: 'needs a value: any text without line breaks' });
    expect(existing.valid).toBe(false);
    expect(sqlite.fields.find((f) => f.id === 'public_url')?.publicName).toBe('tasks.example.org');
  });

  it('keeps typed secrets out of the repeatable answers', async () => {
    const recipe = await shippedRecipe('vikunja');
    const state = evaluateForm(
      { recipe, provider: 'compose' },
      { edited: { public_url: 'https://t.example.org/', db_type: 'mysql', db_mode: 'existing', db_host: '10.0.0.4', db_password: 'pw' }, showAdvanced: false },
    );
    expect(state.valid).toBe(true);
    expect(state.sets).toContain('db_password=pw');
    expect(state.typedSecrets).toEqual(['db_password']);
    expect(state.repeatable).toEqual({ public_url: 'https://t.example.org/', db_type: 'mysql', db_mode: 'existing', db_host: '10.0.0.4' });
  });

  it('pre-fills saved defaults, and shows the host capacity beside LXC resources', async () => {
    const recipe = await shippedRecipe('labapp');
    const state = evaluateForm({ recipe, provider: 'proxmox-lxc', saved: { source: 'saved.yaml', values: { lxc_memory: '256M' } }, diskFree: (facts) => providerDetector().diskFree('proxmox-lxc', facts) }, { edited: {}, showAdvanced: false, facts: pveFacts() });
    const memory = state.fields.find((f) => f.id === 'lxc_memory');
    expect(memory).toMatchObject({ text: '256M', section: 'Resources', capacity: '3.0 GiB free of 8.0 GiB' });
    expect(state.fields.find((f) => f.id === 'lxc_cores')?.capacity).toBe('the host has 4 cores');
    expect(state.fields.find((f) => f.id === 'lxc_disk')?.capacity).toBe('40.0 GiB free on /');
    expect(state.sets).toEqual([]);
    expect(state.repeatable).toEqual({ lxc_memory: '256M' });
    expect(state.grow).toEqual({ lxc_memory: '512M', lxc_disk: '2G' });
  });
});
