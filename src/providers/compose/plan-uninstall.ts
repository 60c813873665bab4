import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { removeRecordStep } from '../../platform/deployments/record-step.js';
import type { Plan, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { removeByLabelCommand, removeProjectNetworkCommand } from './engine-commands.js';
import { readHostPaths } from './host-paths.js';
import { planDataRemoval } from '../../platform/deployments/data-removal.js';
import { downActions } from './plan-install.js';
import { podmanBootRemoval } from './podman-boot.js';
import { recordProject, recordTarget } from './record-target.js';
import { composeProxyRemoval } from './proxy-step.js';
import { projectRef } from './compose-commands.js';

/**
 * Uninstall: `down` (or, when the compose file is gone, removal by label), the project directory,
 * the record; with `purge` the data folders it created (see planDataRemoval). Nothing here can be undone, so no step has undo.
 */
export async function planComposeUninstall(ctx: ProviderContext, record: DeploymentRecord, purge: boolean, settings: ComposeSettings): Promise<Plan> {
  const project = recordProject(record);
  const target = await recordTarget(ctx.runner, record, settings, ctx.facts);
  const [file] = await readHostPaths(ctx.runner, [project.file]);
  const data = await planDataRemoval(ctx.runner, record, purge);
  const proxy = composeProxyRemoval(record);
  const steps: PlanStep[] = [
    ...(proxy ? [proxy] : []),
    {
      id: 'down',
      title: 'Stop and remove the containers',
      actions: file?.exists
        ? downActions(target, project, settings)
        : [
            { kind: 'run', command: removeByLabelCommand(target.tool.engine, project.project), description: `remove the containers labelled ${project.project} (${project.file} is gone)` },
            ...(target.tool.engine === 'podman' ? [{ kind: 'run' as const, command: removeProjectNetworkCommand(project.project) }] : []),
          ],
    },
    projectRemoval(project, settings, target.tool.engine === 'podman'),
    ...(data.step ? [data.step] : []),
    removeRecordStep(ctx.runner, record.name),
  ];
  return {
    kind: 'uninstall',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'compose',
    app: record.app,
    steps,
    secrets: [],
    notes: data.notes,
    data: { removed: data.removed, kept: data.kept },
  };
}

/**
 * The project directory goes only when homelab-tui made it (PROJECT_ROOT/PROJECT). A directory that
 * was the user's (an adopted project: its compose file beside its data, often) keeps everything but
 * the compose file homelab-tui wrote there (a takeover writes no env files: see plan-reconfigure).
 */
function projectRemoval(project: ReturnType<typeof recordProject>, settings: ComposeSettings, podman: boolean): PlanStep {
  const boot = podman ? [podmanBootRemoval(project.project)] : [];
  if (project.dir === projectRef(settings.projectRoot, project.project).dir) {
    return { id: 'project', title: `Remove the compose project ${project.dir}`, actions: [{ kind: 'run', command: { argv: ['rm', '-rf', '--', project.dir] } }, ...boot] };
  }
  // Only a compose file homelab-tui wrote (its header says so); a hand-written one stays the user's.
  const script = 'head -n 1 -- "$1" 2>/dev/null | grep -q "^# Written by homelab-tui" && rm -f -- "$1"; true';
  return {
    id: 'project',
    title: `Remove the compose file homelab-tui wrote in ${project.dir} (the folder was not made by homelab-tui: the rest of it stays)`,
    actions: [{ kind: 'run', command: { argv: ['sh', '-c', script, 'sh', project.file] } }, ...boot],
  };
}
