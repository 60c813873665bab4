import { COMPOSE_FLAVOURS, type ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { ProjectRef } from './compose-commands.js';
import { composeTarget, type ComposeTarget } from './compose-target.js';

/** The compose project a record points at. */
export function recordProject(record: DeploymentRecord): ProjectRef & { services: string[]; main: string } {
  const text = (key: string) => {
    const value = record.refs[key];
    if (typeof value !== 'string' || value === '') throw new UserError(`the record of "${record.name}" has no ${key}`, `it was not written by the compose provider; look at /var/lib/homelab-tui/deployments/${record.name}.json on ${record.host}`);
    return value;
  };
  const services = text('services').split(',');
  return { project: text('project'), dir: text('dir'), file: text('file'), services, main: typeof record.refs.main === 'string' ? record.refs.main : (services[0] ?? '') };
}

/**
 * The tool for an existing deployment: the flavour that installed it when the host still has it
 * (its containers' naming and networks are that tool's), else the one settings choose.
 */
export async function recordTarget(runner: CommandRunner, record: DeploymentRecord, settings: ComposeSettings, facts?: () => Promise<HostFacts>): Promise<ComposeTarget> {
  const flavour = COMPOSE_FLAVOURS.find((f) => f === record.refs.flavour);
  if (flavour && settings.flavour === 'auto') {
    try {
      return await composeTarget(runner, { ...settings, flavour }, facts);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
    }
  }
  return composeTarget(runner, settings, facts);
}
