import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnswersText, readAnswersFile } from '../../../../src/services/answers/answers-file.js';
import { questionsFor } from '../../../../src/platform/recipe/questions.js';
import { UserError } from '../../../../src/platform/errors.js';
import { shippedRecipe } from '../../../support/catalog.js';

const questions = questionsFor(await shippedRecipe('kavita'));

function errorOf(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('answers files', () => {
  it('reads values typed per question; key: with no value is not an answer', () => {
    const parsed = parseAnswersText('port: "5001"\nlibrary_dirs: [/srv/a, /srv/b/]\npuid:\ntimezone: Europe/Berlin\n', 'a.yaml', questions);
    expect(parsed.values).toEqual({ port: 5001, library_dirs: ['/srv/a', '/srv/b'], timezone: 'Europe/Berlin' });
  });

  it('never quotes a key or value from the file: a key that is not a name is "an unrecognized key at line N"', () => {
    const secret = 'root:$6$saltsalt$hash';
    expect(errorOf(() => parseAnswersText(`timezone: Etc/UTC\n"${secret}": 1\n`, 'a.yaml', questions)).message).toBe('a.yaml:2:1: an unrecognized key at line 2');
    const value = errorOf(() => parseAnswersText(`library_dirs: ["${secret}"]\n`, 'a.yaml', questions));
    expect(`${value.message} ${value.hint ?? ''}`).not.toContain('saltsalt');
  });

  it('names file, line, column and key for a bad value, with what is allowed', () => {
    const error = errorOf(() => parseAnswersText('timezone: Etc/UTC\nport: 0\n', 'a.yaml', questions));
    expect(error.message).toBe('a.yaml:2:1: port: the value is not accepted for "port" (Web port on the host): it is not in the allowed range 1 to 65535');
    expect(error.hint).toBe('"port" (Web port on the host) accepts a port number from 1 to 65535');
  });

  it('rejects an unknown key with a did-you-mean, at its position', () => {
    const error = errorOf(() => parseAnswersText('port: 5000\n\nlibary_dirs: [/srv/a]\n', 'a.yaml', questions));
    expect(error.message).toBe('a.yaml:3:1: libary_dirs: unknown question; did you mean "library_dirs"?');
  });

  it('reports YAML syntax errors and a non-mapping document', () => {
    expect(errorOf(() => parseAnswersText('port: [5000\n', 'a.yaml', questions)).message).toMatch(/^a\.yaml:\d+:\d+: invalid YAML/);
    expect(errorOf(() => parseAnswersText('- port\n', 'a.yaml', questions)).message).toContain('maps question ids to values');
  });

  it('says so when the file does not exist, and reads one that does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-answers-'));
    await expect(readAnswersFile(join(dir, 'missing.yaml'), questions)).rejects.toThrow('does not exist');
    await writeFile(join(dir, 'a.yaml'), 'puid: 1001\n');
    expect((await readAnswersFile(join(dir, 'a.yaml'), questions)).values).toEqual({ puid: 1001 });
  });
});
