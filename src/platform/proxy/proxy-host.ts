import type { CommandRunner } from '../runner/command-runner.js';

/**
 * The host that runs the managed reverse proxy for a deployment's host, when that is another host
 * (hosts.yaml `proxy: { host, upstream }` on the deployment's host). The site's plan steps name it
 * (`PlanStep.host`); the operation opens it, and the journal in the deployment's record names it.
 */
export interface ProxyHost {
  /** Its inventory name. */
  name: string;
  /** The address it reaches the deployment's host at (compose publishes the app's port there; LXC uses the container's own address). */
  upstream: string;
  /** Where this machine reaches it (status reads the certificates it serves there when a site's name does not resolve here). */
  address?: string;
  /** Its runner, for preflight: caddy installed, ports 80/443, the name resolving to it. */
  runner: CommandRunner;
}
