import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requireComplete, resolveAnswers } from '../../../../src/services/answers/resolve.js';
import type { ProviderId } from '../../../../src/platform/recipe/provider-ids.js';
import { choicesOf, type Question } from '../../../../src/platform/recipe/question-schema.js';
import { questionsFor, supportedProviders } from '../../../../src/platform/recipe/questions.js';
import type { Recipe } from '../../../../src/platform/recipe/recipe-schema.js';
import { renderComposeInputs } from '../../../../src/providers/compose/render.js';
import { renderK3sInputs } from '../../../../src/providers/k3s/render.js';
import { renderLxcInputs } from '../../../../src/providers/proxmox-lxc/render.js';
import type { ComposeInputs } from '../../../../src/providers/compose/inputs.js';
import type { K3sInputs } from '../../../../src/providers/k3s/inputs.js';
import type { LxcInputs } from '../../../../src/providers/proxmox-lxc/inputs.js';

type RenderedInputs = ComposeInputs | LxcInputs | K3sInputs;
import { sampleText, shippedCatalog } from '../../../support/catalog.js';

// Renders every recipe on every provider for every combination of its choices (enums, yes/no,
// optional paths set or cleared), with samples for anything required. A placeholder without a
// value, a health probe on an inactive port or a secret leaking into a plain value shows up here.

// The container's DNS answers only become pct create options (container-options.test.ts checks them
// against the PVE schema); combining them too would multiply every LXC recipe's cases by four.
const ONLY_PCT_OPTIONS = new Set(['lxc_nameserver', 'lxc_searchdomain']);

function choiceSets(question: Question): string[] {
  if (ONLY_PCT_OPTIONS.has(question.id)) return [];
  if (question.type === 'enum') return choicesOf(question).map((c) => `${question.id}=${c.value}`);
  if (question.type === 'boolean') return [`${question.id}=true`, `${question.id}=false`];
  if (!question.required) return [`${question.id}=`, `${question.id}=${sampleText(question)}`];
  return [];
}

function combinations(recipe: Recipe, provider: ProviderId): string[][] {
  let combos: string[][] = [[]];
  for (const question of questionsFor(recipe, provider)) {
    const options = choiceSets(question);
    if (options.length > 0) combos = combos.flatMap((combo) => options.map((option) => [...combo, option]));
  }
  return combos;
}

function render(recipe: Recipe, provider: ProviderId, sets: string[]): RenderedInputs {
  const first = resolveAnswers(recipe, provider, { sets });
  const filled = [...sets, ...first.missing.map((q) => `${q.id}=${sampleText(q)}`)];
  const answers = requireComplete(resolveAnswers(recipe, provider, { sets: filled }));
  if (provider === 'compose') return renderComposeInputs(recipe, answers);
  if (provider === 'k3s') return renderK3sInputs(recipe, answers);
  return renderLxcInputs(recipe, answers);
}

/** Every env map of the inputs with its secret names. */
function envMaps(inputs: RenderedInputs): { env: Record<string, string>; secretEnv: string[] }[] {
  if (inputs.provider === 'proxmox-lxc') return [...inputs.steps, inputs.service];
  return inputs.services;
}

const { recipes } = await shippedCatalog();
const cases = recipes.flatMap((recipe) => supportedProviders(recipe).map((provider) => [recipe.id, provider, recipe] as const));

describe.each(cases)('%s on %s, every combination of choices', (_id, provider, recipe) => {
  it('renders, probes a real port, and marks every env value holding a secret', () => {
    const combos = combinations(recipe, provider);
    expect(combos.length).toBeGreaterThan(0);
    for (const sets of combos) {
      const inputs = render(recipe, provider, sets);
      expect(inputs.health.port, sets.join(' ')).toBeGreaterThan(0);
      for (const { env, secretEnv } of envMaps(inputs)) {
        for (const [name, value] of Object.entries(env)) {
          const holdsSecret = inputs.secretValues.some((secret) => value.includes(secret));
          expect(secretEnv.includes(name), `${name} in ${sets.join(' ')}`).toBe(holdsSecret);
        }
      }
    }
  });

});

describe.each(recipes.map((recipe) => [recipe.id, recipe] as const))('%s on proxmox-lxc, every combination of choices', (_id, recipe) => {
  it('writes install steps and boot scripts that sh can parse', () => {
    for (const sets of combinations(recipe, 'proxmox-lxc')) {
      const inputs = render(recipe, 'proxmox-lxc', sets);
      if (inputs.provider !== 'proxmox-lxc') throw new Error('rendered for the wrong provider');
      const scripts = [...inputs.steps.map((s) => s.script), ...(inputs.service.kind === 'generated' ? [inputs.service.initScript] : [])];
      for (const script of scripts) execFileSync('sh', ['-n'], { input: script });
    }
  });
});
