import type { ActionOutcome } from '../fleet/fleet-reading.js';
import type { ApplyResult } from './apply.js';

/** An applied action in words for the dashboard's notice line. */
export function outcomeOf(result: ApplyResult, verb: string, what: string, host: string, preposition: 'on' | 'from' = 'on'): ActionOutcome {
  if (result.status === 'succeeded') return { ok: true, message: `${verb} ${what} ${preposition} ${host}` };
  const failure = result.failure;
  return {
    ok: false,
    message: `${verb} ${what} ${preposition} ${host}: ${result.status}${failure ? `: ${failure.message}` : ''}`,
    ...(failure?.hint ? { hint: failure.hint } : result.logPath ? { hint: `operation log: ${result.logPath}` } : {}),
    ...(result.logPath ? { logPath: result.logPath } : {}),
  };
}
