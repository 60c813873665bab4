import { nameDefaults } from '../../platform/recipe/name-defaults.js';
import { CLEARED, type ExplicitAnswers } from '../answers/explicit-values.js';
import { checkTypedAnswer, defaultFor } from '../answers/wizard.js';
import { answerText, type Answers, type AnswerValue } from '../../platform/recipe/answer-value.js';
import { conditionHolds } from '../../platform/recipe/condition.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import { answerKind, choicesOf, type Question } from '../../platform/recipe/question-schema.js';
import { allowedText, checkAnswerText } from '../../platform/recipe/question-values.js';
import { questionsFor } from '../../platform/recipe/questions.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import { formatSize, parseSize } from '../../platform/validation/size.js';
import { checkBoolean } from '../../platform/validation/values.js';
import { capacityBeside } from './capacity.js';
import type { DiskFree } from '../../providers/provider.js';
import { checkDeploymentName } from './deployment-name.js';
import { publicNameOf } from './domain-check.js';
import { groupBySection, sectionOf } from './sections.js';
import { NAME_FIELD } from './name-field.js';

export { NAME_FIELD };

/** One field as the questions screen draws it. */
export interface FieldView {
  id: string;
  label: string;
  help?: string;
  /** The heading it sits under: the app, Database, Resources, Container… */
  section: string;
  advanced: boolean;
  /** Typed text, typed text shown masked, or a choice changed with ←/→. */
  input: 'text' | 'secret' | 'choice';
  /** What the field holds: the typed text, else the pre-filled one. */
  text: string;
  choices: { value: string; label: string }[];
  /** True once the user typed in it (Back keeps exactly this). */
  edited: boolean;
  /** Why the text is not accepted, in words. */
  error?: string;
  /** Empty and needed, with what it accepts: shown once the user tries to go on. */
  missing?: string;
  /** What an empty field means (a generated secret, the app's own default). */
  placeholder?: string;
  /** The host's capacity beside a resource field. */
  capacity?: string;
  /** The public name a domain or URL answer makes (checked to resolve to the host). */
  publicName?: string;
}

/** What the user has given so far on the questions screen. */
export interface FormInput {
  /** Texts the user typed or chose, by field id; anything absent shows its pre-filled value. */
  edited: Readonly<Record<string, string>>;
  showAdvanced: boolean;
  facts?: HostFacts;
}

/** The questions screen worked out from the input: fields to draw, answers, and what to pass on. */
export interface FormState {
  name: string;
  fields: FieldView[];
  /** Every active question's value (typed, saved or default), for conditions and checks. */
  answers: Answers;
  /** Advanced questions that apply but are hidden, and how many of them need attention. */
  advancedHidden: number;
  advancedProblems: number;
  valid: boolean;
  /** `id=text` for what the user changed from the pre-filled value: the install request's --set. */
  sets: string[];
  /**
   * `id=text` of every non-secret answer that differs from the recipe's default and does not follow
   * the deployment name: the one-line CLI command and the values to save as defaults.
   */
  repeatable: Record<string, string>;
  /** Secrets the user typed, by id (never printed; the CLI line says to add them). */
  typedSecrets: string[];
  /** Memory and disk answers doubled, for "retry with more memory or disk"; empty when there are none. */
  grow: Record<string, string>;
}

/** The questions of one app on one provider, with saved defaults and the answers that follow the name. */
export interface FormModelOptions {
  recipe: Recipe;
  provider: ProviderId;
  saved?: ExplicitAnswers;
  /** Answers that follow the deployment name unless typed (the compose project). */
  nameAnswers?: (name: string) => Record<string, string>;
  /** The free space this provider's disk sizes draw on (the registry asks the provider), shown beside size questions. */
  diskFree?: (facts: HostFacts) => DiskFree | undefined;
}

/**
 * Works out the questions screen: which questions apply (in order, `when` judged on the answers so
 * far), what each shows (typed text, else name-derived, saved or recipe default), live validation with
 * the reason in words, and the values to hand to the install pipeline as `--set`.
 */
export function evaluateForm(options: FormModelOptions, input: FormInput): FormState {
  const { recipe, provider } = options;
  const typedName = input.edited[NAME_FIELD];
  const name = typedName ?? recipe.id;
  const nameCheck = checkDeploymentName(name);
  const derivedName = nameCheck.ok ? name : recipe.id;
  // Path defaults that follow the name yield to saved defaults (the user chose those folders).
  const namedPaths = Object.entries(nameDefaults(recipe, provider, derivedName)).filter(([id]) => options.saved?.values[id] === undefined);
  const derived = { ...Object.fromEntries(namedPaths), ...(options.nameAnswers?.(derivedName) ?? {}) };
  const fields: FieldView[] = [nameField(recipe, name, typedName !== undefined, nameCheck.ok ? undefined : nameCheck.reason)];
  const answers: Answers = {};
  const sets: string[] = [];
  const repeatable: Record<string, string> = {};
  const typedSecrets: string[] = [];
  const grow: Record<string, string> = {};
  let valid = nameCheck.ok;
  let advancedHidden = 0;
  let advancedProblems = 0;
  for (const question of questionsFor(recipe, provider)) {
    if (!conditionHolds(question.when, answers)) continue;
    const initial = initialOf(question, answers, options.saved, derived);
    const typed = input.edited[question.id];
    const field = fieldOf(question, typed ?? initial.text, typed !== undefined, input.facts, provider, recipe.name, options.diskFree);
    if (typed === undefined) {
      if (initial.value !== undefined) answers[question.id] = initial.value;
      else if (needsValue(question)) field.missing = `needs a value: ${allowedText(question)}`;
    } else if (typed.trim() === '' && answerKind(question.type) !== 'list') {
      if (needsValue(question)) field.missing = `needs a value: ${allowedText(question)}`;
      else if (initial.text !== '') sets.push(`${question.id}=`);
    } else {
      const checked = checkTypedAnswer(question, typed, answers);
      if (!checked.ok) field.error = checked.reason;
      else {
        answers[question.id] = checked.value;
        if (typed !== initial.text) sets.push(`${question.id}=${typed}`);
        if (question.type === 'secret') typedSecrets.push(question.id);
      }
    }
    const value = answers[question.id];
    if (value !== undefined) {
      const publicName = publicNameOf(question.type, answerText(value));
      if (publicName) field.publicName = publicName;
      if (question.type === 'memory' || question.type === 'size') grow[question.id] = doubled(answerText(value));
    }
    if (value !== undefined && question.type !== 'secret' && !(question.id in derived) && !sameAsDefault(question, value, answers)) {
      repeatable[question.id] = answerText(value);
    }
    const problem = field.error !== undefined || field.missing !== undefined;
    if (problem) valid = false;
    if (question.advanced && !input.showAdvanced) {
      advancedHidden++;
      if (problem) advancedProblems++;
    } else fields.push(field);
  }
  return { name, fields: groupBySection(fields), answers, advancedHidden, advancedProblems, valid, sets, repeatable, typedSecrets, grow };
}

function nameField(recipe: Recipe, name: string, edited: boolean, error: string | undefined): FieldView {
  return {
    id: NAME_FIELD,
    label: 'Deployment name',
    help: `Names this install of ${recipe.name} on the host; two installs on one host need two names.`,
    section: recipe.name,
    advanced: false,
    input: 'text',
    text: name,
    choices: [],
    edited,
    ...(error ? { error } : {}),
  };
}

/** Empty is not an answer: required, and not a secret that is generated when left empty. */
function needsValue(question: Question): boolean {
  return question.required && !(question.type === 'secret' && question.generate);
}

/** The pre-filled value: name-derived (it wins over saved, as in the pipeline), saved, then the recipe's default. */
function initialOf(question: Question, answers: Answers, saved: ExplicitAnswers | undefined, derived: Record<string, string>): { text: string; value?: AnswerValue } {
  const fromName = derived[question.id];
  if (fromName !== undefined) {
    const checked = checkAnswerText(question, fromName);
    return checked.ok ? { text: fromName, value: checked.value } : { text: fromName };
  }
  const kept = saved?.values[question.id];
  if (kept !== undefined) return kept === CLEARED ? { text: '' } : { text: answerText(kept), value: kept };
  const fallback = defaultFor(question, answers);
  return fallback === undefined ? { text: '' } : { text: answerText(fallback), value: fallback };
}

function sameAsDefault(question: Question, value: AnswerValue, answers: Answers): boolean {
  const fallback = defaultFor(question, answers);
  return fallback !== undefined && answerText(fallback) === answerText(value);
}

function fieldOf(question: Question, text: string, edited: boolean, facts: HostFacts | undefined, provider: ProviderId, appName: string, diskFree?: (facts: HostFacts) => DiskFree | undefined): FieldView {
  const choices = question.type === 'boolean' ? [{ value: 'true', label: 'yes' }, { value: 'false', label: 'no' }] : choicesOf(question);
  const capacity = capacityBeside(question, facts, diskFree);
  const placeholder =
    question.type === 'secret' && question.generate ? 'leave empty to generate one' : !question.required ? 'optional: leave empty for none' : `needed: ${allowedText(question)}`;
  return {
    id: question.id,
    label: question.label,
    ...(question.help ? { help: question.help } : {}),
    section: sectionOf(question.id, appName),
    advanced: question.advanced,
    input: choices.length > 0 ? 'choice' : question.type === 'secret' ? 'secret' : 'text',
    // A boolean's text may be any accepted spelling (yes, on); the choice shows its canonical value.
    text: question.type === 'boolean' ? booleanText(text) : text,
    choices,
    edited,
    ...(placeholder ? { placeholder } : {}),
    ...(capacity ? { capacity } : {}),
  };
}

function doubled(size: string): string {
  const parsed = parseSize(size);
  return parsed.ok ? formatSize(parsed.value.bytes * 2) : size;
}

function booleanText(text: string): string {
  const checked = checkBoolean(text);
  return checked.ok ? String(checked.value) : text;
}
