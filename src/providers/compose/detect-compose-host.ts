import { CommandError, tailOf } from '../../platform/errors.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { ComposeHost } from './compose-host.js';
import { COMPOSE_PROBE_ARGV, parseComposeProbe } from './compose-host-probe.js';

// One probe per runner and process: preflight, plan and status of one command share it. A runner is
// one host, and what it has does not change while one command runs.
const probed = new WeakMap<CommandRunner, Promise<ComposeHost>>();

/** Detects compose tools, engines, SELinux and Traefik on the runner's host (cached per runner). */
export function detectComposeHost(runner: CommandRunner): Promise<ComposeHost> {
  let facts = probed.get(runner);
  if (!facts) {
    facts = probe(runner);
    probed.set(runner, facts);
    // A failed probe (a dropped connection) must not stick.
    facts.catch(() => probed.delete(runner));
  }
  return facts;
}

async function probe(runner: CommandRunner): Promise<ComposeHost> {
  const result = await runner.run({ argv: COMPOSE_PROBE_ARGV, timeoutMs: 60_000 });
  if (result.exitCode !== 0) {
    throw new CommandError(['sh', '-c', '<compose probe>'], result.exitCode, runner.host, tailOf(result.stderr), 'the host needs a POSIX sh with mktemp');
  }
  return parseComposeProbe(result.stdout);
}
