// SIMULATOR support: every pct/pvesh invocation is appended to <stateDir>/calls.jsonl (tool, argv,
// time), so a test can check the calls a process it does not control made (the CLI's, for example)
// against the PVE schemas.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The file the calls go to. */
export function callLogPath(sim) {
  return join(sim.stateDir, 'calls.jsonl');
}

/** Appends one call; one short line per call, so concurrent appends stay whole. */
export function recordCall(sim, tool, argv) {
  mkdirSync(sim.stateDir, { recursive: true });
  appendFileSync(callLogPath(sim), `${JSON.stringify({ tool, argv, at: new Date().toISOString() })}\n`);
}
