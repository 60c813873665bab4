import type { ComposeFlavour } from '../../platform/config/compose-settings.js';
import { UserError } from '../../platform/errors.js';

/**
 * How a flavour reads env files, seen on the lab: docker-compose 1.29 parses them like dotenv
 * (quotes stripped, leading spaces trimmed), v2 does too (and substitutes `$VAR` outside single
 * quotes), podman-compose hands them to `podman --env-file`, which takes every byte literally.
 * `podman compose` runs whichever provider is installed, so only values read alike everywhere are safe.
 */
export type EnvDialect = 'dotenv' | 'literal' | 'portable';

export const DIALECT_OF: Record<ComposeFlavour, EnvDialect> = {
  'docker compose': 'dotenv',
  'docker-compose': 'dotenv',
  'podman-compose': 'literal',
  'podman compose': 'portable',
};

// Read the same by dotenv and literal parsers: no quotes, spaces, #, $ or backslashes.
const PLAIN = /^[A-Za-z0-9_.,:/@%+=^~!?*()[\]{}<>|&;-]*$/;

/** The text of an env file holding these variables, written so the flavour reads back exactly these values. */
export function envFileText(variables: Record<string, string>, dialect: EnvDialect, service: string): string {
  const lines = Object.entries(variables).map(([name, value]) => `${name}=${encode(name, value, dialect, service)}`);
  return `${lines.join('\n')}\n`;
}

function encode(name: string, value: string, dialect: EnvDialect, service: string): string {
  if (/[\n\r\0]/.test(value)) throw unwritable(name, service, 'it holds a line break', 'env files hold one line per variable');
  if (dialect === 'literal' || PLAIN.test(value)) return value;
  // Single quotes are literal for both dotenv parsers, as long as the value holds no quote or backslash.
  if (dialect === 'dotenv' && !/['\\]/.test(value)) return `'${value}'`;
  if (dialect === 'dotenv') throw unwritable(name, service, 'it holds both a special character and a quote or backslash', 'leave out the \' and \\ characters');
  throw unwritable(name, service, 'podman compose may hand the file to docker-compose or podman-compose, which read quotes and spaces differently', 'use only letters, digits and -_.,:/@%+=, or install podman-compose and set compose.flavour to podman-compose');
}

function unwritable(name: string, service: string, why: string, hint: string): UserError {
  return new UserError(`the value of ${name} for ${service} cannot be written to its env file: ${why}`, hint);
}
