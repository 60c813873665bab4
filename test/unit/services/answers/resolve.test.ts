import { describe, expect, it } from 'vitest';
import { parseAnswersText } from '../../../../src/services/answers/answers-file.js';
import { resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { questionsFor } from '../../../../src/platform/recipe/questions.js';
import { UserError } from '../../../../src/platform/errors.js';
import { shippedRecipe } from '../../../support/catalog.js';

const vikunja = await shippedRecipe('vikunja');
const jellyfin = await shippedRecipe('jellyfin');
const file = (text: string) => parseAnswersText(text, 'answers.yaml', questionsFor(vikunja));
const saved = (text: string) => parseAnswersText(text, 'saved.yaml', questionsFor(vikunja));

describe('resolveAnswers precedence', () => {
  it('takes --set over the answers file over saved defaults over the recipe default', () => {
    const sources = {
      sets: ['port=1001'],
      file: file('port: 1002\ntimezone: Europe/Paris\n'),
      saved: saved('port: 1003\ntimezone: Europe/Rome\nenable_registration: false\npublic_url: https://s.example.com/\n'),
    };
    const { answers, origins } = resolveAnswers(vikunja, 'compose', sources);
    expect(answers).toMatchObject({ port: 1001, timezone: 'Europe/Paris', enable_registration: false, public_url: 'https://s.example.com/', files_dir: '/srv/vikunja/files' });
    expect(origins).toMatchObject({ port: 'set', timezone: 'file', enable_registration: 'saved', files_dir: 'default' });
  });

  it('drops answers whose when fails, and notes values given for them', () => {
    const { answers, ignored } = resolveAnswers(vikunja, 'compose', { sets: ['db_type=sqlite', 'db_host=db.lan', 'public_url=https://t.example.com/'] });
    expect(answers).not.toHaveProperty('db_host');
    expect(answers).not.toHaveProperty('db_mode');
    expect(ignored).toEqual([{ id: 'db_host', reason: 'only used when db_mode is existing' }]);
  });

  it('chooses a default by condition (5432 for PostgreSQL, 3306 for MySQL)', () => {
    const base = ['db_mode=existing', 'public_url=https://t.example.com/'];
    expect(resolveAnswers(vikunja, 'compose', { sets: [...base, 'db_type=postgres'] }).answers.db_port).toBe(5432);
    expect(resolveAnswers(vikunja, 'compose', { sets: [...base, 'db_type=mysql'] }).answers.db_port).toBe(3306);
  });

  it('generates secrets with the CSPRNG only when asked, unique and of the recipe length', () => {
    const one = resolveAnswers(vikunja, 'compose', { sets: ['public_url=https://t.example.com/'] });
    const two = resolveAnswers(vikunja, 'compose', { sets: ['public_url=https://t.example.com/'] });
    expect(one.origins.service_secret).toBe('generated');
    expect(String(one.answers.service_secret)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(one.answers.service_secret).not.toBe(two.answers.service_secret);
    const forPeople = resolveAnswers(vikunja, 'compose', {}, { generateSecrets: false });
    expect(forPeople.answers).not.toHaveProperty('service_secret');
    expect(forPeople.missing.map((q) => q.id)).toEqual(['public_url']);
  });

  it('lets "" clear an optional default but not a required one', () => {
    const cleared = resolveAnswers(jellyfin, 'compose', { sets: ['music_dir='] });
    expect(cleared.answers).not.toHaveProperty('music_dir');
    expect(cleared.missing).toEqual([]);
    expect(() => resolveAnswers(vikunja, 'compose', { sets: ['port='] })).toThrow('--set port: "port" needs a value');
  });

  it('rejects --set for a question of another provider, naming it', () => {
    expect(() => resolveAnswers(vikunja, 'compose', { sets: ['lxc_cores=2'] })).toThrow(/CPU cores.*not asked when installing with compose/);
    expect(() => resolveAnswers(vikunja, 'k3s', { sets: ['files_dir=/srv/x'] })).toThrow(UserError);
  });

  it('rejects a gateway outside the container subnet', () => {
    const sets = ['public_url=https://t.example.com/', 'lxc_ip=192.168.1.20/24'];
    expect(resolveAnswers(vikunja, 'proxmox-lxc', { sets: [...sets, 'lxc_gateway=192.168.1.1'] }).answers.lxc_gateway).toBe('192.168.1.1');
    expect(() => resolveAnswers(vikunja, 'proxmox-lxc', { sets: [...sets, 'lxc_gateway=10.0.0.1'] })).toThrow(/outside the subnet 192\.168\.1\.0\/24/);
  });

  it('names the question, the value and what is allowed for a bad --set', () => {
    let thrown: unknown;
    try {
      resolveAnswers(vikunja, 'compose', { sets: ['db_type=oracle'] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).message).toBe('--set db_type: "oracle" is not accepted for "db_type" (Database): "oracle" is not one of: sqlite, postgres, mysql');
    expect((thrown as UserError).hint).toBe('"db_type" (Database) accepts one of: sqlite, postgres, mysql');
    expect(() => resolveAnswers(vikunja, 'compose', { sets: ['porrt=1'] })).toThrow('--set: unknown question "porrt"; did you mean "port"?');
    expect(() => resolveAnswers(vikunja, 'compose', { sets: ['port'] })).toThrow('write KEY=VALUE');
  });
});
