import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSetFlags } from '../../../../src/services/answers/explicit-values.js';
import { diffSaved, formatChanges, loadSavedAnswers, valuesToSave, writeSavedAnswers } from '../../../../src/services/answers/saved-answers.js';
import { questionsFor } from '../../../../src/platform/recipe/questions.js';
import { shippedRecipe } from '../../../support/catalog.js';

const vikunja = await shippedRecipe('vikunja');
const questions = questionsFor(vikunja);
const sets = (...entries: string[]) => parseSetFlags(entries, questions);

describe('saved default answers', () => {
  it('saves what was given, strongest layer first, and leaves new secrets out unless asked', () => {
    const layers = { given: [sets('port=1', 'service_secret=abcdefgh'), sets('port=2', 'timezone=Europe/Paris')], saved: sets('enable_registration=false', 'port=3') };
    expect(valuesToSave(vikunja, layers, { includeSecrets: false })).toEqual({ port: 1, enable_registration: false, timezone: 'Europe/Paris' });
    expect(valuesToSave(vikunja, layers, { includeSecrets: true })).toMatchObject({ service_secret: 'abcdefgh' });
  });

  it('keeps a secret saved earlier when saving again without --include-secrets', () => {
    const layers = { given: [sets('port=2', 'db_password=new-password')], saved: sets('db_password=old-password') };
    expect(valuesToSave(vikunja, layers, { includeSecrets: false })).toEqual({ port: 2, db_password: 'old-password' });
  });

  it('diffs in question order and masks secrets', () => {
    const changes = diffSaved(questions, { port: 1, timezone: 'Etc/UTC', db_password: 'old-secret' }, { port: 2, db_password: 'new-secret', db_type: 'mysql' });
    expect(formatChanges(changes)).toBe('~ port: 1 → 2\n- timezone: Etc/UTC\n+ db_type: mysql\n~ db_password: •••• → ••••');
    expect(diffSaved(questions, { port: 1 }, { port: 1 })).toEqual([]);
  });

  it('writes a private file that loads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-saved-'));
    expect(await loadSavedAnswers(dir, vikunja)).toBeUndefined();
    const path = await writeSavedAnswers(dir, vikunja, { port: 8080 });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await loadSavedAnswers(dir, vikunja))?.values).toEqual({ port: 8080 });
  });
});
