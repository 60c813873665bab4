import type { Answers } from '../../platform/recipe/answer-value.js';
import { pickCase } from '../../platform/recipe/cases.js';
import { conditionHolds, describeCondition } from '../../platform/recipe/condition.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import type { Question } from '../../platform/recipe/question-schema.js';
import { allowedText } from '../../platform/recipe/question-values.js';
import { questionsFor } from '../../platform/recipe/questions.js';
import { withName } from '../../platform/recipe/name-defaults.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { UserError } from '../../platform/errors.js';
import { checkGatewayInSubnet } from '../../platform/validation/network.js';
import { CLEARED, parseSetFlags, questionNamed, type ExplicitAnswers } from './explicit-values.js';
import { generateSecret } from './secrets.js';
import { showCommand } from '../../platform/show-command.js';

/** Where an answer came from. */
export type AnswerOrigin = 'set' | 'file' | 'saved' | 'default' | 'generated';

/** The inputs of resolveAnswers, strongest first: `--set`, then `--answers FILE`, then saved defaults. */
export interface AnswerSources {
  sets?: readonly string[];
  file?: ExplicitAnswers;
  saved?: ExplicitAnswers;
}

/** The outcome: the answers of every active question, where each came from, and what is missing. */
export interface Resolution {
  recipe: Recipe;
  provider: ProviderId | undefined;
  /** Every question for the provider, in order, active or not. */
  questions: Question[];
  answers: Answers;
  origins: Record<string, AnswerOrigin>;
  /** Active, required questions without a value or a default. */
  missing: Question[];
  /** Values that were given but do not apply, with the reason, to show as notes. */
  ignored: { id: string; reason: string }[];
}

/**
 * Resolves answers for a recipe on a provider. Precedence per question: `--set` > answers file >
 * saved defaults > the recipe's default > a generated secret. Questions are taken in order and a
 * question whose `when` fails is inactive: it gets no value, and values given for it are ignored.
 * Secrets are only generated when `generateSecrets` is true (not when writing files for people).
 */
export function resolveAnswers(recipe: Recipe, provider: ProviderId | undefined, sources: AnswerSources, options: { generateSecrets?: boolean; name?: string } = {}): Resolution {
  const questions = questionsFor(recipe, provider);
  const sets = parseSetFlags(sources.sets ?? [], questionsFor(recipe));
  for (const key of Object.keys(sets.values)) {
    if (!questions.some((q) => q.id === key)) {
      const question = questionNamed(key, questionsFor(recipe), '--set');
      throw new UserError(`--set ${key}: "${question.label}" is not asked when installing with ${provider ?? 'this provider'}`, `drop it, or choose the provider it belongs to with --provider`);
    }
  }
  const layers: [AnswerOrigin, ExplicitAnswers | undefined][] = [['set', sets], ['file', sources.file], ['saved', sources.saved]];
  const answers: Answers = {};
  const origins: Record<string, AnswerOrigin> = {};
  const missing: Question[] = [];
  const ignored: Resolution['ignored'] = [];
  for (const question of questions) {
    const given = layers.find(([, layer]) => layer?.values[question.id] !== undefined);
    if (!conditionHolds(question.when, answers)) {
      if (given && question.when) ignored.push({ id: question.id, reason: `only used when ${describeCondition(question.when)}` });
      continue;
    }
    if (given) {
      const value = given[1]?.values[question.id];
      if (value !== undefined && value !== CLEARED) {
        answers[question.id] = value;
        origins[question.id] = given[0];
      }
      continue;
    }
    // A path default may name the deployment (`/srv/{{ name }}/data`); without a name, the app's id.
    const fallback = 'default' in question && question.default !== undefined ? withName(pickCase<unknown>(question.default, answers), options.name ?? recipe.id) : undefined;
    if (fallback !== undefined) {
      answers[question.id] = fallback as Answers[string];
      origins[question.id] = 'default';
    } else if (question.type === 'secret' && question.generate) {
      // Not generating (a file for people to fill in) still leaves nothing missing: install will generate it.
      if (options.generateSecrets !== false) {
        answers[question.id] = generateSecret(question.bytes);
        origins[question.id] = 'generated';
      }
    } else if (question.required) {
      missing.push(question);
    }
  }
  checkAcrossQuestions(questions, answers, origins);
  return { recipe, provider, questions, answers, origins, missing, ignored };
}

/** Checks between answers: a gateway must lie in the subnet of the address it serves. */
function checkAcrossQuestions(questions: Question[], answers: Answers, origins: Record<string, AnswerOrigin>): void {
  for (const question of questions) {
    if (question.type !== 'ipv4' || !question.inSubnetOf) continue;
    const gateway = answers[question.id];
    const cidr = answers[question.inSubnetOf];
    if (typeof gateway !== 'string' || typeof cidr !== 'string') continue;
    const checked = checkGatewayInSubnet(gateway, cidr);
    if (!checked.ok) {
      throw new UserError(`${question.id} (${origins[question.id] ?? 'given'}): ${checked.reason}`, `"${question.id}" must be an address inside ${question.inSubnetOf} = ${cidr}`);
    }
  }
}

/**
 * For `--yes` (no prompts): fails at once when anything is missing, listing every missing question
 * with what it accepts, so one run shows the whole list.
 */
export function requireComplete(resolution: Resolution): Answers {
  const { missing, recipe, provider } = resolution;
  if (missing.length === 0) return resolution.answers;
  const width = Math.max(...missing.map((q) => q.id.length));
  const lines = missing.map((q) => `  ${q.id.padEnd(width)}  ${q.label}: ${allowedText(q)}`);
  const where = `${recipe.id}${provider ? ` on ${provider}` : ''}`;
  throw new UserError(
    `${missing.length} answer${missing.length === 1 ? ' is' : 's are'} missing for ${where} and ${missing.length === 1 ? 'has' : 'have'} no default:\n${lines.join('\n')}`,
    `give ${missing.length === 1 ? 'it' : 'them'} with --set KEY=VALUE or in an answers file (--answers FILE); \`${showCommand(['homelab-tui', 'answers', recipe.id, ...(provider ? ['--provider', provider] : [])])} > answers.yaml\` writes one to fill in`,
  );
}
