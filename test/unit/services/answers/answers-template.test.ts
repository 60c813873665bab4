import { describe, expect, it } from 'vitest';
import { parseAnswersText } from '../../../../src/services/answers/answers-file.js';
import { answersFileText } from '../../../../src/services/answers/answers-template.js';
import { resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { questionsFor } from '../../../../src/platform/recipe/questions.js';
import { shippedCatalog, shippedRecipe } from '../../../support/catalog.js';

describe('the commented answers file', () => {
  it('holds every question of the provider, and reads back to the same answers', async () => {
    for (const recipe of (await shippedCatalog()).recipes) {
      const given = resolveAnswers(recipe, undefined, {}, { generateSecrets: false });
      const text = answersFileText(given);
      const keys = [...text.matchAll(/^([a-z][a-z0-9_]*):/gm)].map((m) => m[1]);
      expect(keys, recipe.id).toEqual(questionsFor(recipe).map((q) => q.id));
      const reread = resolveAnswers(recipe, undefined, { file: parseAnswersText(text, 'generated.yaml', questionsFor(recipe)) }, { generateSecrets: false });
      expect(reread.answers, recipe.id).toEqual(given.answers);
    }
  });

  it('describes each question and leaves secrets empty even when given', async () => {
    const vikunja = await shippedRecipe('vikunja');
    const text = answersFileText(resolveAnswers(vikunja, 'proxmox-lxc', { sets: ['service_secret=hunter2hunter2', 'db_type=mysql'] }, { generateSecrets: false }));
    expect(text).not.toContain('hunter2');
    expect(text).toMatch(/# Service secret \(signs login tokens\) \(advanced\)\n(#.*\n)*service_secret:\n/);
    expect(text).toContain('# Leave empty to have a random one generated at install time.');
    expect(text).toMatch(/# Database\n#   sqlite: SQLite \(a file, no server\)\n#   postgres: PostgreSQL\n#   mysql: MySQL \/ MariaDB\n# Default: sqlite\.\ndb_type: mysql\n/);
    expect(text).toContain('# Only used when db_mode is existing (not the case with the answers above).');
    expect(text).toContain('# ---- only for proxmox-lxc ----');
    expect(text).not.toContain('compose_project');
  });
});
