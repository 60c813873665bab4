import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import { UserError } from '../../platform/errors.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { chooseTool, isTool, type ComposeHost, type ComposeTool } from './compose-host.js';
import { detectComposeHost } from './detect-compose-host.js';

/** A host with the compose tool chosen for it. */
export interface ComposeTarget {
  host: ComposeHost;
  tool: ComposeTool;
}

/** Detects the host and chooses its tool; a host without a usable one is a UserError with what to do. */
export async function composeTarget(runner: CommandRunner, settings: ComposeSettings, facts?: () => Promise<HostFacts>): Promise<ComposeTarget> {
  const host = await detectComposeHost(runner, facts);
  const tool = chooseTool(host, settings);
  if (!isTool(tool)) throw new UserError(`${runner.host}: ${tool.reason}`, tool.hint);
  return { host, tool };
}

/** `docker-compose 1.29.2 (Docker 20.10.24)`. */
export function describeTool(target: ComposeTarget): string {
  const engine = target.host.engines[target.tool.engine];
  const name = target.tool.engine === 'docker' ? 'Docker' : 'Podman';
  return `${target.tool.flavour} ${target.tool.version} (${name}${engine ? ` ${engine}` : ''})`;
}
