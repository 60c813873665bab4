import type { z } from 'zod';
import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import { UserError } from '../platform/errors.js';

/** The zod schema of one provider's refs (the provider-specific part of a deployment record). */
export type RefsSchema<T = Record<string, unknown>> = z.ZodType<T>;

/**
 * What is wrong with a record's refs under its provider's schema, in words naming the deployment and
 * the field (never the value: it comes from a file), or undefined when they are good.
 */
export function refsProblem(schema: RefsSchema<unknown>, record: DeploymentRecord): { message: string; hint: string } | undefined {
  const parsed = schema.safeParse(record.refs);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const field = ['refs', ...(issue?.path ?? []).map(String)].join('.');
  return {
    message: `the record of "${record.name}" has a bad ${field}: ${issue?.message ?? 'invalid'}`,
    hint: `it was not written by the ${record.provider} provider of this version; look at /var/lib/homelab-tui/deployments/${record.name}.json on ${record.host}`,
  };
}

/** A record's refs parsed with its provider's schema; a UserError naming the deployment and the field when they are bad. */
export function parseRefs<T>(schema: RefsSchema<T>, record: DeploymentRecord): T {
  const parsed = schema.safeParse(record.refs);
  if (parsed.success) return parsed.data;
  const problem = refsProblem(schema, record);
  throw new UserError(problem?.message ?? `the record of "${record.name}" has bad refs`, problem?.hint);
}
