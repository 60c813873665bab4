import { z } from 'zod';
import { cased } from './cases.js';
import { conditionSchema } from './condition.js';
import { PROVIDERS } from './provider-ids.js';

/** Fields every question has. */
const common = {
  id: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'a question id is lower-case letters, digits and _, starting with a letter'),
  label: z.string().min(1),
  /** One or two sentences shown under the question and in answers-file comments. */
  help: z.string().optional(),
  /** Hidden behind the wizard's Advanced toggle; still settable by flag and file. */
  advanced: z.boolean().default(false),
  /** False: may be left empty (the app then uses its own default or the feature stays off). */
  required: z.boolean().default(true),
  /** Asked only when this holds for the answers to earlier questions. */
  when: conditionSchema.optional(),
  /** Asked only for these providers (all when absent). */
  providers: z.array(z.enum(PROVIDERS)).min(1).optional(),
};

const text = z.string();
const sizeText = z.string().regex(/^\d+[KMGT]$/i, 'a size such as 512M or 8G');

const choice = z.union([z.string(), z.strictObject({ value: z.string(), label: z.string() })]);

/** Every question type. Value types: see `answerKind`. */
export const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('enum'), choices: z.array(choice).min(1), default: cased(text).optional() }),
  z.strictObject({
    ...common,
    type: z.literal('string'),
    /** A JavaScript regular expression the whole value must match, and the words to show when it does not. */
    pattern: z.string().optional(),
    patternHint: z.string().optional(),
    maxLength: z.number().int().min(1).max(4096).default(256),
    default: cased(text).optional(),
  }),
  z.strictObject({ ...common, type: z.literal('domain'), default: cased(text).optional() }),
  z.strictObject({ ...common, type: z.literal('hostname'), default: cased(text).optional() }),
  z.strictObject({ ...common, type: z.literal('host'), default: cased(text).optional() }),
  z.strictObject({ ...common, type: z.literal('email'), default: cased(text).optional() }),
  z.strictObject({ ...common, type: z.literal('url'), default: cased(text).optional() }),
  z.strictObject({ ...common, type: z.literal('timezone'), default: cased(text).optional() }),
  z.strictObject({ ...common, type: z.literal('port'), default: cased(z.number().int()).optional() }),
  z.strictObject({
    ...common,
    type: z.literal('integer'),
    min: z.number().int().default(0),
    max: z.number().int().default(2 ** 31 - 1),
    default: cased(z.number().int()).optional(),
  }),
  z.strictObject({ ...common, type: z.literal('cores'), min: z.number().int().min(1).default(1), max: z.number().int().default(8192), default: cased(z.number().int()).optional() }),
  z.strictObject({ ...common, type: z.literal('memory'), min: sizeText.default('16M'), default: cased(sizeText).optional() }),
  z.strictObject({ ...common, type: z.literal('size'), min: sizeText.optional(), max: sizeText.optional(), default: cased(sizeText).optional() }),
  z.strictObject({
    ...common,
    type: z.literal('path'),
    /** Why this directory must be on a local disk (checked on the target before install), if it must. */
    localDisk: z.string().optional(),
    default: cased(text).optional(),
  }),
  z.strictObject({ ...common, type: z.literal('paths'), default: z.array(text).optional() }),
  z.strictObject({
    ...common,
    type: z.literal('list'),
    /** Each item is a simple name: letters, digits, `.`, `_`, `-`. */
    default: z.array(text).optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('secret'),
    /** True: generated with a CSPRNG when not given. False: the user must supply it (an existing server's password). */
    generate: z.boolean().default(true),
    bytes: z.number().int().min(16).max(64).default(32),
  }),
  z.strictObject({ ...common, type: z.literal('boolean'), default: cased(z.boolean()).optional() }),
  z.strictObject({
    ...common,
    type: z.literal('ipv4'),
    /** Another question holding `address/prefix` this address must lie in (a gateway). */
    inSubnetOf: z.string().optional(),
    default: cased(text).optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('ipv4-cidr'),
    /** Also accept the word `dhcp`. */
    allowDhcp: z.boolean().default(false),
    default: cased(text).optional(),
  }),
  z.strictObject({ ...common, type: z.literal('vlan'), default: cased(z.number().int()).optional() }),
]);

export type Question = z.output<typeof questionSchema>;
export type QuestionType = Question['type'];

/** A question as written in a recipe file (before zod fills in defaults). */
export type QuestionInput = z.input<typeof questionSchema>;

/** The shape of a question type's values. */
export function answerKind(type: QuestionType): 'text' | 'number' | 'boolean' | 'list' {
  switch (type) {
    case 'port':
    case 'integer':
    case 'cores':
    case 'vlan':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'paths':
    case 'list':
      return 'list';
    default:
      return 'text';
  }
}

/** Enum choices as `{value, label}`. */
export function choicesOf(question: Question): { value: string; label: string }[] {
  if (question.type !== 'enum') return [];
  return question.choices.map((c) => (typeof c === 'string' ? { value: c, label: c } : c));
}
