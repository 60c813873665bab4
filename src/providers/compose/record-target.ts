import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import { parseRefs } from '../refs.js';
import { composeRefsSchema } from './refs.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { ProjectRef } from './compose-commands.js';
import { composeTarget, type ComposeTarget } from './compose-target.js';

/** The compose project a record points at (its refs parsed with composeRefsSchema; bad ones are a UserError naming the field). */
export function recordProject(record: DeploymentRecord): ProjectRef & { services: string[]; main: string } {
  const refs = parseRefs(composeRefsSchema, record);
  const services = refs.services.split(',');
  return { project: refs.project, dir: refs.dir, file: refs.file, services, main: refs.main ?? services[0] ?? '' };
}

/**
 * The tool for an existing deployment: the flavour that installed it when the host still has it
 * (its containers' naming and networks are that tool's), else the one settings choose.
 */
export async function recordTarget(runner: CommandRunner, record: DeploymentRecord, settings: ComposeSettings, facts?: () => Promise<HostFacts>): Promise<ComposeTarget> {
  const flavour = parseRefs(composeRefsSchema, record).flavour;
  if (flavour && settings.flavour === 'auto') {
    try {
      return await composeTarget(runner, { ...settings, flavour }, facts);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
    }
  }
  return composeTarget(runner, settings, facts);
}
