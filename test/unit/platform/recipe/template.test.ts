import { describe, expect, it } from 'vitest';
import { pickCase } from '../../../../src/platform/recipe/cases.js';
import { conditionHolds, describeCondition, type Condition } from '../../../../src/platform/recipe/condition.js';
import { renderTemplate, templateRefs, templateSyntaxProblem } from '../../../../src/platform/recipe/template.js';
import { BugError } from '../../../../src/platform/errors.js';

const scope = (values: Record<string, string | number | boolean | string[]>) => ({ lookup: (name: string) => values[name] });

describe('templates', () => {
  it('substitutes answers, joins lists, and never evaluates anything', () => {
    expect(renderTemplate('{{ host }}:{{port}}', scope({ host: 'db', port: 5432 }), 'x')).toBe('db:5432');
    expect(renderTemplate('{{ dirs }}', scope({ dirs: ['/a', '/b'] }), 'x')).toBe('/a,/b');
    expect(renderTemplate('{{ v }}', scope({ v: '{{ other }} $(rm -rf /)' }), 'x')).toBe('{{ other }} $(rm -rf /)');
    expect(templateRefs('{{ a }}-{{b_2}}')).toEqual(['a', 'b_2']);
  });

  it('refuses a placeholder without a value, and malformed ones', () => {
    expect(() => renderTemplate('{{ missing }}', scope({}), 'env.X')).toThrow(BugError);
    expect(() => renderTemplate('{{ missing }}', scope({}), 'env.X')).toThrow('at env.X uses {{ missing }}');
    expect(templateSyntaxProblem('{{ a.b }}')).toMatch(/malformed/);
    expect(templateSyntaxProblem('{{ A }}')).toMatch(/malformed/);
    expect(templateSyntaxProblem('{{ a }} and }}')).toMatch(/malformed/);
    expect(templateSyntaxProblem('{{ a }}')).toBeUndefined();
  });
});

describe('conditions and alternatives', () => {
  const answers = { db: 'postgres', komf: true, dirs: [] as string[], url: 'https://x.example' };
  it.each([
    [{ db: 'postgres' }, true],
    [{ db: ['mysql', 'postgres'] }, true],
    [{ db: { not: 'postgres' } }, false],
    [{ db: { not: ['sqlite', 'mysql'] } }, true],
    [{ komf: true }, true],
    [{ komf: false }, false],
    [{ url: { set: true } }, true],
    [{ dirs: { set: true } }, false],
    [{ absent: { set: false } }, true],
    [{ absent: 'x' }, false],
    [{ absent: { not: 'x' } }, true],
    [{ db: 'postgres', komf: false }, false],
  ] as [Condition, boolean][])('%j holds: %s', (condition, expected) => {
    expect(conditionHolds(condition, answers)).toBe(expected);
  });

  it('describes conditions in words and picks the first alternative that holds', () => {
    expect(describeCondition({ db: ['postgres', 'mysql'], mode: { not: 'embedded' }, url: { set: true } })).toBe('db is postgres or mysql and mode is not embedded and url is set');
    const port = [{ value: 5432, when: { db: 'postgres' } }, { value: 3306 }];
    expect(pickCase(port, { db: 'postgres' })).toBe(5432);
    expect(pickCase(port, { db: 'mysql' })).toBe(3306);
    expect(pickCase([{ value: 'x', when: { db: 'none' } }], { db: 'mysql' })).toBeUndefined();
    expect(pickCase(['/a', '/b'], {})).toEqual(['/a', '/b']);
  });
});
