// SIMULATOR support: command-line parsing as PVE::JSONSchema::get_options does it with Perl's
// Getopt::Long (prefix "-" or "--", "--opt=value", unique abbreviations, case-insensitive names,
// booleans with an optional value, options and positionals in any order, "--" ends options).
import { PveError } from './pve-error.mjs';
import { allPropertyNames, parseBoolean } from './validate.mjs';

const badRequest = (message, warnings = []) => new PveError(`${message}\n`, { code: 400, warnings });

/** Finds the option a typed name means: exact, else a unique case-insensitive prefix. */
function resolveOption(typed, names) {
  const lower = typed.toLowerCase();
  const exact = names.find((n) => n.toLowerCase() === lower);
  if (exact) return { name: exact };
  const hits = names.filter((n) => n.toLowerCase().startsWith(lower));
  if (hits.length === 1) return { name: hits[0] };
  if (hits.length > 1) return { warning: `Option ${typed} is ambiguous (${hits.join(', ')})` };
  return { warning: `Unknown option: ${typed}` };
}

/**
 * Parses argv for one API method.
 * @param {string[]} argv the words after the command name
 * @param {{properties: Record<string, any>, positional: string[], fixed?: Record<string, unknown>}} spec
 * @returns {Record<string, any>} the parameters (booleans as 0/1, extra-args as an array)
 */
export function parseCommandLine(argv, spec) {
  const fixed = spec.fixed ?? {};
  const names = allPropertyNames(spec.properties).filter((n) => !(n in fixed));
  const schemaOf = (name) => spec.properties[name] ?? spec.properties[name.replace(/\d+$/, '[n]')];
  /** @type {Record<string, any>} */
  const opts = {};
  const rest = [];
  const warnings = [];
  const args = [...argv];
  while (args.length > 0) {
    const arg = /** @type {string} */ (args.shift());
    if (arg === '--') {
      rest.push(...args.splice(0));
      break;
    }
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m || arg === '-') {
      rest.push(arg);
      continue;
    }
    const [, typed, inline] = m;
    const found = resolveOption(typed, names);
    if (!found.name) {
      warnings.push(found.warning);
      continue;
    }
    const schema = schemaOf(found.name) ?? {};
    const isBoolean = schema.type === 'boolean';
    const isArray = schema.type === 'array';
    let value = inline;
    if (value === undefined) {
      const next = args[0];
      if (isBoolean) {
        // An optional value: the next word counts unless it looks like an option.
        value = next !== undefined && !/^--?.+/.test(next) ? args.shift() : '';
      } else if (next === undefined) {
        warnings.push(`Option ${typed} requires an argument`);
        continue;
      } else {
        value = args.shift();
      }
    }
    if (isArray) opts[found.name] = [...(opts[found.name] ?? []), value];
    else opts[found.name] = value;
  }
  if (warnings.length > 0) throw badRequest('unable to parse option', warnings);

  assignPositionals(opts, rest, spec);
  for (const [name, value] of Object.entries(opts)) {
    const schema = schemaOf(name);
    if (schema?.type !== 'boolean') continue;
    const bool = value === '' ? 1 : parseBoolean(String(value));
    if (bool === undefined) throw badRequest('unable to parse boolean option');
    opts[name] = bool;
  }
  return { ...opts, ...fixed };
}

function assignPositionals(opts, rest, spec) {
  const required = (name) => name !== 'extra-args' && !spec.properties[name]?.optional;
  if (rest.length === 0) {
    for (const name of spec.positional) {
      if (name === 'extra-args') opts['extra-args'] = [];
      else if (required(name)) throw badRequest('not enough arguments');
    }
    return;
  }
  for (let i = 0; i < spec.positional.length; i += 1) {
    const name = spec.positional[i];
    if (name === 'extra-args') {
      opts['extra-args'] = rest.splice(0);
      continue;
    }
    if (rest.length === 0) {
      if (spec.positional.slice(i).some(required)) throw badRequest('not enough arguments');
      if (spec.positional.at(-1) === 'extra-args') opts['extra-args'] = [];
      return;
    }
    opts[name] = rest.shift();
  }
  if (rest.length > 0) throw badRequest('too many arguments');
}
