import type { ComposeInputs } from './inputs.js';
import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord, RecordProbe } from '../../platform/deployments/deployment-record.js';
import { recordPath, writeRecord } from '../../platform/deployments/record-store.js';
import { CommandError, tailOf, UserError } from '../../platform/errors.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import type { PreflightItem, ProviderContext } from '../provider.js';
import type { FileChange, ReconfigureChange, ReconfigureProposal } from '../reconfigure.js';
import { composeCommand } from './compose-commands.js';
import { removeByLabelCommand } from './engine-commands.js';
import { containersHealthyCheck } from './container-health.js';
import { dataPaths } from './data-step.js';
import { recordProbeCheck } from './plan-restart.js';
import { checkPorts } from './preflight-ports.js';
import { downActions } from './plan-install.js';
import { prepareProject } from './prepare-project.js';
import { recordProject, recordTarget } from './record-target.js';
import type { ComposeTarget } from './compose-target.js';
import { showCommand } from '../../platform/show-command.js';
import { composeSiteChange } from './proxy-step.js';

/**
 * Changes a compose deployment's configuration in place: the compose file is rewritten, `up -d`
 * recreates the services whose definition changed, the health gate and the app's probe (on its new
 * port) must pass, then the record is written. Undo puts the previous compose file back and runs
 * `up -d` again, so the old configuration answers as before. Data folders and env files (secrets)
 * are not changed in place: such a change is refused before anything happens.
 */
export async function planComposeReconfigure(ctx: ProviderContext, record: DeploymentRecord, change: ReconfigureChange<ComposeInputs>, settings: ComposeSettings): Promise<ReconfigureProposal> {
  const { before, after } = change;
  const project = recordProject(record);
  if (after.project !== project.project) refuse(record, 'the compose project', 'a project is renamed by installing under the new name and restoring a backup there');
  if (!sameList(dataPaths(before), dataPaths(after))) refuse(record, 'a data folder', 'data is moved by a backup, then a restore into the new folder');
  const target = await recordTarget(ctx.runner, record, settings, ctx.facts);
  const old = await prepareProject(ctx.runner, before, record.name, settings, ctx.facts);
  const next = await prepareProject(ctx.runner, after, record.name, settings, ctx.facts);
  const oldEnv = new Map(old.files.envFiles.map((e) => [e.path, e.text]));
  if (next.files.envFiles.some((e) => oldEnv.get(e.path) !== e.text) || next.files.envFiles.length !== oldEnv.size) {
    refuse(record, 'an env file holding secrets', 'secrets are changed by a new install of the deployment (back up first)');
  }
  const current = await readHostFile(ctx, project.file);
  const composeFiles: FileChange[] = current === next.files.composeText ? [] : [{ path: project.file, before: current, after: next.files.composeText }];
  const site = composeSiteChange(record, before, after, settings, ctx.proxyHost);
  const files: FileChange[] = [...composeFiles, ...(site ? [site.file] : [])];
  // A takeover: the file on the host is not one homelab-tui wrote (an adopted, hand-written project;
  // its header says). Then every service is recreated from the new file, and the project's containers
  // go first (by label: its own service names may differ from the recipe's); their data folders stay.
  // The undo does the same with the previous file. (A file homelab-tui wrote keeps the usual path:
  // only the services whose definition changed are recreated.)
  const drift = current !== undefined && !current.startsWith('# Written by homelab-tui') && current !== old.files.composeText;
  // A takeover would write env files with secrets homelab-tui never read from the running containers.
  if (drift && next.files.envFiles.length > 0) {
    refuse(record, 'a project whose secrets homelab-tui does not hold', `back it up (homelab-tui backup ${record.name}), install it with homelab-tui, and restore the backup there`);
  }
  const takeover: PlanAction[] = drift
    ? [{ kind: 'run', command: removeByLabelCommand(target.tool.engine, project.project), description: `remove ${project.project}'s containers (${project.services.join(', ')}) so the file's services replace them; data folders stay` }]
    : [];
  const recreated = Object.keys(next.files.document.services).filter((name) => drift || JSON.stringify(next.files.document.services[name]) !== JSON.stringify(old.files.document.services[name]));
  const up = composeCommand('up', target.tool, project, settings);
  // podman-compose's `up -d` starts the containers it finds as they are: they are taken down first to be recreated.
  const recreate = drift ? takeover : target.tool.flavour === 'podman-compose' ? downActions(target, project, settings) : [];
  const probe = recordProbeOf(after);
  const next1 = nextRecord(ctx, change.record, after, probe, site);
  const next2 = drift ? { ...next1, refs: { ...next1.refs, services: after.services.map((s) => s.name).join(','), main: after.services[0]?.name ?? project.main } } : next1;
  const gated = drift ? { ...project, main: after.services[0]?.name ?? project.main } : project;
  const composeSteps: PlanStep[] =
    composeFiles.length === 0 && recreated.length === 0
      ? []
      : [
          {
            id: 'files',
            title: `Write the new compose file ${project.file}`,
            actions: [{ kind: 'write', path: project.file, content: next.files.composeText, mode: 0o644 }],
            undo: [restoreFile(project.file, current)],
          },
          {
            id: 'up',
            title: recreated.length ? `Recreate ${recreated.join(', ')}` : 'Apply the compose file',
            actions: [...recreate, { kind: 'run', command: { ...up, timeoutMs: 10 * 60_000 }, stream: true }],
            // The previous file first, so `up -d` brings back the previous containers.
            undo: [
              restoreFile(project.file, current),
              ...recreate,
              { kind: 'run', command: { ...up, timeoutMs: 10 * 60_000 }, description: `bring back the previous configuration: ${showCommand(up.argv)}` },
              // Undone means the old configuration answers again, not only that its file is back.
              // After a takeover's undo the project's own services run again, under their own names.
              healthWait(ctx, target, project, drift ? project.services : names(before), record.name, settings),
              ...(record.probe ? [{ kind: 'wait' as const, check: recordProbeCheck(ctx.runner, record.probe), timeoutMs: Math.min(60, settings.healthTimeoutSeconds) * 1000, intervalMs: 500 }] : []),
            ],
          },
          {
            id: 'health',
            title: 'Wait for the containers to be healthy and the app to answer',
            actions: [
              healthWait(ctx, target, gated, names(after), record.name, settings),
              { kind: 'wait', check: recordProbeCheck(ctx.runner, probe), timeoutMs: Math.min(60, settings.healthTimeoutSeconds) * 1000, intervalMs: 500 },
            ],
          },
        ];
  const steps: PlanStep[] =
    composeSteps.length === 0 && !site
      ? []
      : [
          ...composeSteps,
          // The managed Caddy's site follows the new domain or port (undo puts the old one back).
          ...(site ? [site.step] : []),
          {
            id: 'record',
            title: 'Write the deployment record',
            actions: [{ kind: 'call', description: `write ${recordPath(record.name)} on ${ctx.runner.host}`, run: () => writeRecord(ctx.runner, next2) }],
            undo: [{ kind: 'call', description: `put back the previous ${recordPath(record.name)}`, run: () => writeRecord(ctx.runner, record) }],
            recordChange: { kind: 'write', record: next2 },
          },
        ];
  return {
    plan: { kind: 'reconfigure', deployment: record.name, host: ctx.hostName, provider: 'compose', app: record.app, steps, secrets: after.secretValues },
    files,
    actions: [
      ...(drift
        ? [`take over from the file that runs now: remove the containers of ${project.services.join(', ')}, then create ${recreated.join(', ')} from the new file (${showCommand(up.argv)}); data folders stay`]
        : recreated.length ? recreated.map((s) => `recreate ${s} (${[...recreate.flatMap((a) => (a.kind === 'run' ? [showCommand(a.command.argv)] : [])), showCommand(up.argv)].join(', then ')})`) : composeFiles.length ? ['rewrite the compose file; no container changes'] : []),
      ...(site ? [site.step.title] : []),
    ],
    preflight: await newPorts(ctx, before, after),
    interrupts: ['up', 'health'],
  };
}

function healthWait(ctx: ProviderContext, target: ComposeTarget, project: ReturnType<typeof recordProject>, services: readonly string[], deployment: string, settings: ComposeSettings): PlanAction {
  return {
    kind: 'wait',
    check: containersHealthyCheck({ runner: ctx.runner, engine: target.tool.engine, project: project.project, services: [...services], deployment, clock: ctx.clock, main: project.main }),
    timeoutMs: settings.healthTimeoutSeconds * 1000,
    intervalMs: 1000,
  };
}

function names(inputs: ComposeInputs): string[] {
  return inputs.services.map((s) => s.name);
}

function refuse(record: DeploymentRecord, what: string, hint: string): never {
  throw new UserError(`"${record.name}": ${what} cannot be changed in place; nothing was changed`, hint);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function restoreFile(path: string, content: string): PlanAction {
  return { kind: 'write', path, content, mode: 0o644, description: `put back the previous ${path}` };
}

async function readHostFile(ctx: ProviderContext, path: string): Promise<string> {
  const argv = ['cat', '--', path];
  const result = await ctx.runner.run({ argv, timeoutMs: 30_000 });
  if (result.exitCode !== 0) throw new CommandError(argv, result.exitCode, ctx.runner.host, tailOf(result.stderr), 'the compose file of the deployment is missing: reinstall it');
  return result.stdout;
}

/** The ports the new configuration publishes that the old one did not: each must be free. */
async function newPorts(ctx: ProviderContext, before: ComposeInputs, after: ComposeInputs): Promise<PreflightItem[]> {
  const had = new Set(before.services.flatMap((s) => s.ports.map((p) => `${p.host}/${p.protocol}`)));
  const fresh = { ...after, services: after.services.map((s) => ({ ...s, ports: s.ports.filter((p) => p.host !== undefined && !had.has(`${p.host}/${p.protocol}`)) })) };
  return checkPorts(ctx.runner, fresh);
}

function recordProbeOf(inputs: ComposeInputs): RecordProbe {
  const probe = inputs.health;
  return probe.kind === 'http'
    ? { kind: 'http', address: '127.0.0.1', port: probe.port, path: probe.path, expectStatus: probe.expectStatus, ...(probe.bodyContains !== undefined ? { bodyContains: probe.bodyContains } : {}) }
    : { kind: 'tcp', address: '127.0.0.1', port: probe.port };
}

function nextRecord(ctx: ProviderContext, record: DeploymentRecord, inputs: ComposeInputs, probe: RecordProbe, site: ReturnType<typeof composeSiteChange>): DeploymentRecord {
  const plain = inputs.health.kind === 'http' ? [`http://${ctx.hostAddress}:${inputs.health.port}/`] : record.urls.filter((u) => !u.startsWith('https://'));
  // The https URL stays first while the deployment has a site (a changed one brings its new name).
  const kept = record.urls.find((u) => u.startsWith('https://'));
  if (!site) return { ...record, urls: [...(kept && typeof record.refs.proxySite === 'string' ? [kept] : []), ...plain], probe };
  const { proxy: _p, proxyDir: _d, proxySite: _s, proxyHost: _h, ...refs } = record.refs;
  return { ...record, refs: { ...refs, ...site.refs }, urls: [...(site.url ? [site.url] : []), ...plain], probe };
}
