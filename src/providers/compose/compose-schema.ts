import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import composeSpec from './compose-spec.json';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // Compiled on first use: only commands that build compose files pay for it.
  compiled ??= new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(composeSpec);
  return compiled;
}

/** One place where a document breaks the specification: the field as a dotted path, and what is wrong. */
export interface SchemaProblem {
  field: string;
  message: string;
}

/** Checks a compose document against the Compose specification; an empty list means it conforms. */
export function checkComposeSchema(document: unknown): SchemaProblem[] {
  const validate = validator();
  if (validate(document)) return [];
  return mostSpecific(validate.errors ?? []).map((error) => ({ field: fieldOf(error), message: messageOf(error) }));
}

/** `/services/app/ports/0` → `services.app.ports[0]`; an unknown key is named as the field. */
function fieldOf(error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (error.keyword === 'additionalProperties') parts.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '') || '(top level)';
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return 'is not a Compose key';
  return error.message ?? error.keyword;
}

/**
 * oneOf/anyOf report every branch that failed; keep the errors at the deepest paths (the field that
 * is wrong, not the service that holds it), without the branch summaries, once each.
 */
function mostSpecific(errors: ErrorObject[]): ErrorObject[] {
  const concrete = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const candidates = concrete.length > 0 ? concrete : errors;
  // Depth by field, so an unknown key (reported on its parent) is not hidden by a sibling's error.
  const deepest = candidates.filter((e) => !candidates.some((o) => o !== e && fieldOf(o).startsWith(`${fieldOf(e)}.`)));
  const seen = new Set<string>();
  return deepest.filter((e) => {
    const key = `${fieldOf(e)}|${messageOf(e)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
