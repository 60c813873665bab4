// SIMULATOR support: checks parameters against the PVE API schema the way pve-common's
// PVE::JSONSchema does (type, format, property strings, pattern, length, range, enum), producing the
// same per-parameter messages. Pure functions; unit-tested in test/unit/lab/.
import { checkNamedFormat } from './formats.mjs';
import { PveError } from './pve-error.mjs';

/** How many of each indexed option exist (pve-container PVE::LXC::Config). */
export const INDEX_LIMITS = { net: 32, mp: 256, dev: 256, unused: 256 };

/**
 * The schema lists indexed options once as "net[n]"; PVE itself has net0…net31. Returns the property
 * schema for a concrete name, or undefined.
 * @param {Record<string, any>} properties
 * @param {string} name
 */
export function propertySchema(properties, name) {
  if (Object.hasOwn(properties, name)) return properties[name];
  const m = /^([a-z]+)(\d+)$/.exec(name);
  if (!m) return undefined;
  const base = m[1];
  const index = Number(m[2]);
  const limit = INDEX_LIMITS[base];
  const indexed = properties[`${base}[n]`];
  if (!indexed || limit === undefined || String(index) !== m[2] || index >= limit) return undefined;
  return indexed;
}

/** Every concrete option name the schema allows (net0…net31 instead of net[n]). */
export function allPropertyNames(properties) {
  const names = [];
  for (const key of Object.keys(properties)) {
    const m = /^([a-z]+)\[n\]$/.exec(key);
    const limit = m ? INDEX_LIMITS[m[1]] : undefined;
    if (m && limit !== undefined) {
      for (let i = 0; i < limit; i += 1) names.push(`${m[1]}${i}`);
    } else {
      names.push(key);
    }
  }
  return names;
}

const isNumber = (v) => /^[+-]?(\d+\.\d+|\d+\.|\.\d+|\d+)([eE][+-]?\d+)?$/.test(v);
const isInteger = (v) => /^[+-]?\d+$/.test(v);

/** Perl patterns in the schema look like "(?^:…)"; JavaScript wants "(?:…)". Anchored like PVE. */
export function perlPattern(pattern) {
  return new RegExp(`^(?:${String(pattern).replaceAll('(?^:', '(?:')})$`);
}

function addError(errors, path, message) {
  const key = path || '_root';
  errors[key] = errors[key] ? `${errors[key]}\\n${message}` : message;
}

/** PVE::JSONSchema::parse_boolean. */
export function parseBoolean(text) {
  if (/^(1|on|yes|true)$/i.test(text)) return 1;
  if (/^(0|off|no|false)$/i.test(text)) return 0;
  return undefined;
}

function checkType(path, type, value, errors) {
  if (!type || type === 'string' || type === 'any') return true;
  const text = String(value);
  const ok =
    (type === 'boolean' && (text === '1' || text === '0')) ||
    (type === 'integer' && isInteger(text)) ||
    (type === 'number' && isNumber(text)) ||
    !['boolean', 'integer', 'number'].includes(type);
  if (!ok) addError(errors, path, `type check ('${type}') failed - got '${text}'`);
  return ok;
}

/**
 * PVE::JSONSchema::parse_property_string: "name=eth0,bridge=vmbr0" → object, checked against the
 * format's keys. Throws Error (plain die) or PveError("format error") like PVE.
 * @param {Record<string, any>} format
 * @param {string} data
 * @param {string} path
 */
export function parsePropertyString(format, data, path) {
  /** @type {Record<string, string | number>} */
  const result = {};
  let defaultKey;
  for (const part of data.split(',')) {
    if (/^\s*$/.test(part)) continue;
    const kv = /^([^=]+)=(.+)$/.exec(part);
    if (kv) {
      const [, key, raw] = kv;
      if (result[key] !== undefined) throw new Error(`duplicate key in comma-separated list property: ${key}\n`);
      const schema = format[key];
      if (!schema) throw new Error(`invalid key in comma-separated list property: ${key}\n`);
      result[key] = schema.type === 'boolean' ? (parseBoolean(raw) ?? raw) : raw;
    } else if (!part.includes('=')) {
      if (defaultKey) throw new Error(`duplicate key in comma-separated list property: ${defaultKey}\n`);
      defaultKey = Object.keys(format).find((k) => format[k].default_key);
      if (!defaultKey) throw new Error('value without key, but schema does not define a default key\n');
      if (result[defaultKey] !== undefined) throw new Error(`duplicate key in comma-separated list property: ${defaultKey}\n`);
      result[defaultKey] = part;
    } else {
      throw new Error('missing key in comma-separated list property\n');
    }
  }
  const errors = {};
  checkObject(path, format, result, errors);
  if (Object.keys(errors).length > 0) throw new PveError('format error\n', { errors });
  return result;
}

function formatErrorText(err) {
  return err instanceof PveError ? err.render() : String(err.message);
}

/**
 * PVE::JSONSchema::check_prop for one value (strings as they come from the command line).
 * @param {unknown} value
 * @param {Record<string, any>} schema
 * @param {string} path
 * @param {Record<string, string>} errors
 */
export function checkProp(value, schema, path, errors) {
  if (value === undefined || value === null) {
    if (!schema.optional) addError(errors, path, 'property is missing and it is not optional');
    return;
  }
  if (!checkType(path, schema.type, value, errors)) return;
  const text = String(value);
  if (schema.format) {
    try {
      if (typeof schema.format === 'object') parsePropertyString(schema.format, text, path);
      else checkNamedFormat(schema.format, text);
    } catch (err) {
      addError(errors, path, `invalid format - ${formatErrorText(err)}`);
      return;
    }
  }
  if (schema.pattern && !perlPattern(schema.pattern).test(text)) {
    addError(errors, path, 'value does not match the regex pattern');
    return;
  }
  if (schema.maxLength !== undefined && text.length > Number(schema.maxLength)) {
    addError(errors, path, `value may only be ${schema.maxLength} characters long`);
    return;
  }
  if (schema.minLength !== undefined && text.length < Number(schema.minLength)) {
    addError(errors, path, `value must be at least ${schema.minLength} characters long`);
    return;
  }
  if (isNumber(text)) {
    if (schema.maximum !== undefined && Number(text) > Number(schema.maximum)) {
      addError(errors, path, `value must have a maximum value of ${schema.maximum}`);
      return;
    }
    if (schema.minimum !== undefined && Number(text) < Number(schema.minimum)) {
      addError(errors, path, `value must have a minimum value of ${schema.minimum}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => String(e) === text)) {
    addError(errors, path, `value '${text}' does not have a value in the enumeration '${schema.enum.join(', ')}'`);
  }
}

/**
 * PVE::JSONSchema::check_object with additionalProperties 0 (every LXC endpoint and property string).
 * @param {string} path
 * @param {Record<string, any>} properties
 * @param {Record<string, unknown>} value
 * @param {Record<string, string>} errors
 */
export function checkObject(path, properties, value, errors) {
  const join = (k) => (path ? `${path}.${k}` : k);
  for (const key of Object.keys(properties)) {
    if (key.endsWith('[n]')) continue;
    checkProp(value[key], properties[key], join(key), errors);
  }
  for (const key of Object.keys(value)) {
    const schema = propertySchema(properties, key);
    if (!schema) {
      addError(errors, join(key), 'property is not defined in schema and the schema does not allow additional properties');
      continue;
    }
    // Indexed names (net0, mp3) are not keys of the schema, so the first loop did not check them.
    if (!Object.hasOwn(properties, key)) checkProp(value[key], schema, join(key), errors);
    if (typeof schema.requires === 'string' && value[schema.requires] === undefined) {
      addError(errors, join(schema.requires), `missing property - '${join(key)}' requires this property`);
    }
  }
}

/** Validates API parameters; returns the errors by parameter (empty when valid). */
export function validateParams(properties, params) {
  const errors = {};
  checkObject('', properties, params, errors);
  return errors;
}
