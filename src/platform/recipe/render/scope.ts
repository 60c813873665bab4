import { BugError } from '../../errors.js';
import { MIB, parseSize } from '../../validation/size.js';
import type { Answers, AnswerValue } from '../answer-value.js';
import { pickCase, type Cased } from '../cases.js';
import { conditionHolds, type Condition } from '../condition.js';
import type { ProviderId } from '../provider-ids.js';
import { questionsFor } from '../questions.js';
import type { Recipe } from '../recipe-schema.js';
import { renderTemplate } from '../template.js';
import type { Minimums } from './rendered.js';

/** Everything a render needs: the recipe, complete answers for one provider, and which answers are secret. */
export interface RenderScope {
  recipe: Recipe;
  provider: ProviderId;
  answers: Answers;
  secretIds: Set<string>;
}

export function createScope(recipe: Recipe, provider: ProviderId, answers: Answers): RenderScope {
  const secretIds = new Set(questionsFor(recipe, provider).filter((q) => q.type === 'secret').map((q) => q.id));
  return { recipe, provider, answers, secretIds };
}

/** Renders a template; `secret` says whether a secret answer went into it. `item` is the forEach element. */
export function renderText(scope: RenderScope, template: string, where: string, item?: string): { text: string; secret: boolean } {
  let secret = false;
  const text = renderTemplate(
    template,
    {
      lookup: (name) => builtIn(scope, name, item) ?? scope.answers[name],
      onUse: (name) => {
        if (scope.secretIds.has(name)) secret = true;
      },
    },
    `${scope.recipe.id}: ${where}`,
  );
  return { text, secret };
}

function builtIn(scope: RenderScope, name: string, item: string | undefined): AnswerValue | undefined {
  if (name === 'app') return scope.recipe.id;
  if (name === 'version') return scope.answers.version ?? scope.recipe.versions[0];
  if (name === 'item') return item;
  return undefined;
}

export function text(scope: RenderScope, template: string, where: string, item?: string): string {
  return renderText(scope, template, where, item).text;
}

/** A number written plainly or as a placeholder; a non-integer result is a recipe bug. */
export function integer(scope: RenderScope, value: string | number | boolean, where: string): number {
  const rendered = typeof value === 'number' ? value : Number(text(scope, String(value), where));
  if (!Number.isInteger(rendered)) throw new BugError(`${scope.recipe.id}: ${where} rendered to "${String(rendered)}", not a whole number`);
  return rendered;
}

export function holds(scope: RenderScope, when: Condition | undefined): boolean {
  return conditionHolds(when, scope.answers);
}

export function pick<T>(scope: RenderScope, value: Cased<T>): T | undefined {
  return pickCase(value, scope.answers);
}

/** Environment entries rendered to text; entries whose alternatives all fail their `when` are left out. */
export function renderEnv(scope: RenderScope, spec: Record<string, Cased<string | number | boolean>>, where: string): { env: Record<string, string>; secretEnv: string[] } {
  const env: Record<string, string> = {};
  const secretEnv: string[] = [];
  for (const [name, value] of Object.entries(spec)) {
    const chosen = pick(scope, value);
    if (chosen === undefined) continue;
    const rendered = renderText(scope, String(chosen), `${where}.${name}`);
    env[name] = rendered.text;
    if (rendered.secret) secretEnv.push(name);
  }
  return { env, secretEnv };
}

/** Every secret answer's value, for masking wherever inputs are printed or logged. */
export function secretValues(scope: RenderScope): string[] {
  return [...scope.secretIds].map((id) => scope.answers[id]).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

export function minimumsOf(recipe: Recipe): Minimums {
  return { cores: recipe.minimums.cores, memoryMiB: bytesOf(recipe.minimums.memory) / MIB, diskGiB: Math.ceil(bytesOf(recipe.minimums.disk) / 2 ** 30) };
}

export function bytesOf(size: string): number {
  const parsed = parseSize(size);
  if (!parsed.ok) throw new BugError(`"${size}" is not a size: ${parsed.reason}`);
  return parsed.value.bytes;
}
