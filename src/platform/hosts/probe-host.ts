import { CommandError, tailOf } from '../errors.js';
import type { CommandRunner } from '../runner/command-runner.js';
import type { HostFacts } from './host-facts.js';
import { knownVersions, parseProbeOutput, PROBE_ARGV } from './host-probe.js';

/** How to probe: limits, and the facts from last time (their versions are reused when still valid). */
export interface ProbeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  previous?: HostFacts;
}

/**
 * Runs the one host probe (one command, one round trip on a warm connection) and parses it: the
 * only detection of hosts. Callers keep facts in the host facts service (src/services/hosts);
 * providers read them through their detection (`src/providers/<id>/detect.ts`).
 */
export async function probeHost(runner: CommandRunner, options: ProbeOptions = {}): Promise<HostFacts> {
  const known = knownVersions(options.previous);
  const result = await runner.run({
    argv: PROBE_ARGV,
    ...(known ? { stdin: known } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (result.exitCode !== 0) {
    const why = result.timedOut ? 'timed out' : tailOf(result.stderr);
    throw new CommandError(['sh', '-c', '<host probe>'], result.exitCode, runner.host, why, 'the host must have a POSIX sh, uname, id and df');
  }
  return parseProbeOutput(result.stdout);
}
