import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';

/** One inventory host opened for work: its name, the address this machine uses for it, its runner. */
export interface HostHandle {
  name: string;
  address: string;
  runner: CommandRunner;
  /** The host's facts, kept with a time stamp and re-probed after a TTL (the host facts service). */
  facts?: () => Promise<HostFacts>;
  /** Facts no older than that TTL without probing (kept, or cached by an earlier run); undefined when none are. */
  recentFacts?: () => Promise<HostFacts | undefined>;
  /** Folders whose disk is watched besides the deployments' data (hosts.yaml `dataPaths`). */
  watchPaths?: readonly string[];
  /** Where this host's deployments get their managed reverse proxy (hosts.yaml `proxy`): another host's name, and the address it reaches this one at. */
  proxy?: { host: string; upstream?: string };
}

/** How the pipeline reaches hosts by inventory name (the SSH pool, or `local`); the caller closes it. */
export interface HostAccess {
  open(name: string): Promise<HostHandle>;
  /** Every inventory host name, `local` included, for commands that look across hosts. */
  names(): string[];
  close(): Promise<void>;
  /** Probes a host again now (its facts: tools, engines, Traefik…), for an explicit refresh. */
  refreshFacts?(name: string): Promise<void>;
}
