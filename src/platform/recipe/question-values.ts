import { fail, pass, controlCharacterIn, type Check } from '../validation/check.js';
import { checkDomain, checkHostname } from '../validation/domain.js';
import { checkHostCidr, checkIpv4 } from '../validation/network.js';
import { parseSize } from '../validation/size.js';
import {
  checkAbsolutePath,
  checkBoolean,
  checkCores,
  checkEmail,
  checkHost,
  checkHttpUrl,
  checkInteger,
  checkMemory,
  checkPort,
  checkTimezone,
  checkVlan,
} from '../validation/values.js';
import type { AnswerValue } from './answer-value.js';
import { answerKind, choicesOf, type Question } from './question-schema.js';

/**
 * Checks what a user typed (a flag value, a wizard field) for one question and returns the typed,
 * normalised value or a reason in words. Lists are comma-separated. Empty text is never a value.
 */
export function checkAnswerText(question: Question, input: string): Check<AnswerValue> {
  const kind = answerKind(question.type);
  if (kind === 'list') return checkList(question, input.split(',').map((s) => s.trim()).filter((s) => s.length > 0));
  const text = question.type === 'secret' ? input : input.trim();
  if (text.length === 0) return fail('no value given');
  return checkScalar(question, text);
}

/** Checks a value read from YAML: numbers and booleans are taken as their text, lists item by item. */
export function checkAnswerInput(question: Question, input: unknown): Check<AnswerValue> {
  if (Array.isArray(input)) {
    if (answerKind(question.type) !== 'list') return fail(`expected a single value, not a list (${allowedText(question)})`);
    const items = input.map((item) => (typeof item === 'string' || typeof item === 'number' ? String(item).trim() : undefined));
    if (items.some((item) => item === undefined)) return fail('every list item must be text');
    return checkList(question, items as string[]);
  }
  if (typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean') return checkAnswerText(question, String(input));
  return fail(`expected ${allowedText(question)}`);
}

function checkList(question: Question, items: string[]): Check<AnswerValue> {
  const out: string[] = [];
  for (const item of items) {
    const checked = question.type === 'paths' ? checkAbsolutePath(item) : checkName(item);
    if (!checked.ok) return fail(`"${item}": ${checked.reason}`);
    if (out.includes(checked.value)) return fail(`"${checked.value}" is listed twice`);
    out.push(checked.value);
  }
  return pass(out);
}

function checkName(item: string): Check<string> {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(item) ? pass(item) : fail('a name is letters, digits, ".", "_" and "-" (at most 64)');
}

function checkScalar(question: Question, text: string): Check<AnswerValue> {
  switch (question.type) {
    case 'enum': {
      const choices = choicesOf(question).map((c) => c.value);
      return choices.includes(text) ? pass(text) : fail(`"${text}" is not one of: ${choices.join(', ')}`);
    }
    case 'string':
      return checkString(question, text);
    case 'domain':
      return checkDomain(text);
    case 'hostname':
      return checkHostname(text);
    case 'host':
      return checkHost(text);
    case 'email':
      return checkEmail(text);
    case 'url':
      return checkHttpUrl(text);
    case 'timezone':
      return checkTimezone(text);
    case 'port':
      return checkPort(text);
    case 'integer':
      return checkInteger(text, question.min, question.max);
    case 'cores':
      return checkCores(text, question.min, question.max);
    case 'memory':
      return checkMemory(text, bytesOf(question.min));
    case 'size':
      return checkSizeBounds(text, question.min, question.max);
    case 'path':
      return checkAbsolutePath(text);
    case 'secret': {
      const control = controlCharacterIn(text);
      return control ? fail(`a secret must not contain ${control}`) : pass(text);
    }
    case 'boolean':
      return checkBoolean(text);
    case 'ipv4':
      return checkIpv4(text);
    case 'ipv4-cidr':
      return question.allowDhcp && text.toLowerCase() === 'dhcp' ? pass('dhcp') : checkHostCidr(text);
    case 'vlan':
      return checkVlan(text);
    case 'paths':
    case 'list':
      return checkList(question, [text]);
  }
}

function checkString(question: Extract<Question, { type: 'string' }>, text: string): Check<string> {
  const control = controlCharacterIn(text);
  if (control) return fail(`contains ${control}`);
  if (text.length > question.maxLength) return fail(`is longer than ${question.maxLength} characters`);
  if (question.pattern && !new RegExp(`^(?:${question.pattern})$`).test(text)) {
    return fail(`"${text}" is not allowed: ${question.patternHint ?? `it must match ${question.pattern}`}`);
  }
  return pass(text);
}

function checkSizeBounds(text: string, min: string | undefined, max: string | undefined): Check<string> {
  const size = parseSize(text);
  if (!size.ok) return size;
  if (min && size.value.bytes < bytesOf(min)) return fail(`${size.value.text} is less than the minimum of ${min}`);
  if (max && size.value.bytes > bytesOf(max)) return fail(`${size.value.text} is more than the maximum of ${max}`);
  return pass(size.value.text);
}

function bytesOf(size: string): number {
  const parsed = parseSize(size);
  return parsed.ok ? parsed.value.bytes : 0;
}

/** What a question accepts, in words, for error messages, help and answers-file comments. */
export function allowedText(question: Question): string {
  switch (question.type) {
    case 'enum':
      return `one of: ${choicesOf(question).map((c) => c.value).join(', ')}`;
    case 'string':
      return question.patternHint ?? 'text';
    case 'domain':
      return 'a domain name such as tasks.example.com (no https://, no path)';
    case 'hostname':
      return 'a host name such as nas or nas.lan';
    case 'host':
      return 'a host name or IPv4 address';
    case 'email':
      return 'an email address';
    case 'url':
      return 'an http:// or https:// URL';
    case 'timezone':
      return 'a time zone such as Europe/Berlin or Etc/UTC';
    case 'port':
      return 'a port number from 1 to 65535';
    case 'integer':
      return `a whole number from ${question.min} to ${question.max}`;
    case 'cores':
      return `a number of CPU cores from ${question.min} to ${question.max}`;
    case 'memory':
      return `a memory size of at least ${question.min}, such as 512M or 2G`;
    case 'size':
      return `a size such as 8G (K, M, G, T)${question.min ? `, at least ${question.min}` : ''}${question.max ? `, at most ${question.max}` : ''}`;
    case 'path':
      return 'an absolute path such as /srv/app';
    case 'paths':
      return 'absolute paths, separated by commas';
    case 'list':
      return 'names separated by commas (letters, digits, . _ -)';
    case 'secret':
      return question.generate ? 'any text without line breaks, or nothing to have one generated' : 'any text without line breaks';
    case 'boolean':
      return 'yes or no (true/false)';
    case 'ipv4':
      return 'an IPv4 address such as 192.168.1.1';
    case 'ipv4-cidr':
      return `an address with its prefix such as 192.168.1.20/24${question.allowDhcp ? ', or dhcp' : ''}`;
    case 'vlan':
      return 'a VLAN id from 1 to 4094';
  }
}
