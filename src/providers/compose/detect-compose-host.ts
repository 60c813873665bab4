import type { HostFacts } from '../../platform/hosts/host-facts.js';
import { probeHost } from '../../platform/hosts/probe-host.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { composeHostFrom, type ComposeHost } from './compose-host.js';

// One probe per runner and process: preflight, plan and status of one command share it. A runner is
// one host, and what it has does not change while one command runs.
const probed = new WeakMap<CommandRunner, Promise<ComposeHost>>();

/**
 * The compose provider's view of the runner's host (cached per runner), from the one host probe
 * (src/platform/hosts/host-probe.ts): compose tools, engines, SELinux and Traefik. Given the host
 * facts service's `facts` (the provider context's), it reads those, kept and refreshed there.
 */
export function detectComposeHost(runner: CommandRunner, facts?: () => Promise<HostFacts>): Promise<ComposeHost> {
  if (facts) return facts().then(composeHostFrom);
  let host = probed.get(runner);
  if (!host) {
    host = probeHost(runner, { timeoutMs: 60_000 }).then(composeHostFrom);
    probed.set(runner, host);
    // A failed probe (a dropped connection) must not stick.
    host.catch(() => probed.delete(runner));
  }
  return host;
}
