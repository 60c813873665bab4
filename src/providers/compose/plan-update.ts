import { parseDocument, Scalar } from 'yaml';
import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import { allOf } from '../../platform/health/health-check.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import { readRemoteFile } from '../../platform/remote-file.js';
import { describeAction, runAction } from '../../platform/operation/run-action.js';
import type { ProviderContext, UpdateRequest, UpdateSteps } from '../provider.js';
import { composeCommand } from './compose-commands.js';
import type { ComposeTarget } from './compose-target.js';
import { containersHealthyCheck } from './container-health.js';
import { imagePresentCommand } from './engine-commands.js';
import { imageReference, imagesPresent } from './images.js';
import { downActions } from './plan-install.js';
import { recordProbeCheck } from './plan-restart.js';
import { recordProject, recordTarget } from './record-target.js';
import { interruptedBlueGreenActions, planBlueGreen } from './blue-green.js';

/** The compose file with each listed service's image replaced (comments and everything else kept). */
export function rewriteImages(text: string, images: ReadonlyMap<string, string>, header?: { from: string; to: string }): { text: string; before: Map<string, string> } {
  const doc = parseDocument(text);
  const before = new Map<string, string>();
  for (const [service, image] of images) {
    const old = doc.getIn(['services', service, 'image']);
    if (typeof old !== 'string') continue;
    before.set(service, old);
    const node = new Scalar(image);
    node.type = 'QUOTE_DOUBLE';
    doc.setIn(['services', service, 'image'], node);
  }
  const out = doc.toString({ lineWidth: 0 });
  // The header line names the version: "# Written by homelab-tui for the deployment "x": labapp 1, run with …".
  const rewritten = header ? out.replace(/^(# Written by homelab-tui .*? )(\S+)(, run with )/m, (all, a: string, v: string, b: string) => (v === header.from ? `${a}${header.to}${b}` : all)) : out;
  return { text: rewritten, before };
}

/**
 * An update of a compose deployment: pull the new images while the old version runs (a failed pull
 * stops nothing), then the compose file with the new images, down and up, and the health gate (every
 * container running and healthy, and the app's probe). The apply step's undo is the rollback: down,
 * the old compose file, the data from the backup, up, and the same gate on the old version.
 */
export async function planComposeUpdate(ctx: ProviderContext, record: DeploymentRecord, request: UpdateRequest, settings: ComposeSettings): Promise<UpdateSteps> {
  const project = recordProject(record);
  const target = await recordTarget(ctx.runner, record, settings, ctx.facts);
  const engine = target.tool.engine;
  const oldText = await readRemoteFile(ctx.runner, project.file);
  if (oldText === undefined) throw new UserError(`${record.name}: its compose file ${project.file} is missing on ${ctx.hostName}`, 'nothing was changed; reinstall it or put the file back');
  const wanted = Object.entries(request.images).filter(([service]) => project.services.includes(service));
  const present = await imagesPresent(ctx.runner, engine, wanted.map(([, image]) => image));
  const here = new Map(wanted.map(([service, image]) => [service, present.get(image) === true]));
  const refs = new Map(wanted.map(([service, image]) => [service, imageReference(image, engine, here.get(service) === true)]));
  const { text: newText, before } = rewriteImages(oldText, refs, { from: request.from, to: request.to });
  const changed = [...refs].filter(([service, image]) => before.get(service) !== image);
  const gate = gateAction(ctx, record, target, settings);
  const saved = savedFile(project.file);
  const fetch: PlanStep = {
    id: 'fetch',
    title: 'Fetch the new images (the running version is not touched)',
    actions: [
      { kind: 'run', command: { argv: ['rm', '-f', '--', saved] }, description: `remove ${saved} left by an earlier update` },
      ...changed.map(([service, image]) => fetchAction(engine, image, here.get(service) === true)),
    ],
  };
  const up: PlanAction = { kind: 'run', command: { ...composeCommand('up', target.tool, project, settings), timeoutMs: 30 * 60_000 }, stream: true };
  const blueGreen = request.blueGreen ? await planBlueGreen(ctx, record, target, settings, { newText, from: request.from, to: request.to }) : undefined;
  const bg = blueGreen && 'beside' in blueGreen ? blueGreen : undefined;
  const apply: PlanStep = {
    id: 'apply',
    title: `Run ${record.app} ${request.to}`,
    actions: [
      // The copy tells an `undo` of an interrupted update that the new version was applied, and what to put back.
      { kind: 'run', command: { argv: ['cp', '-p', '--', project.file, saved] }, description: `keep ${project.file} of ${request.from} as ${saved}` },
      { kind: 'write', path: project.file, content: newText, mode: 0o644, description: `write ${project.file} with the new images` },
      ...downActions(target, project, settings),
      ...(request.whileStopped ?? []),
      up,
    ],
    undo: [
      // The copy beside it (blue-green) stops first: the data comes back while nothing runs on it.
      ...(bg?.stopCopy ?? []),
      ...downActions(target, project, settings),
      { kind: 'write', path: project.file, content: oldText, mode: 0o644, description: `put back ${project.file} of ${record.app} ${request.from}` },
      ...request.restoreData,
      up,
      { ...gate, description: `health gate on ${record.app} ${request.from}: ${gate.check.describe()}` },
    ],
  };
  return {
    fetch,
    apply,
    gate: { id: 'gate', title: `Health gate: ${record.app} ${request.to} runs, is healthy and answers`, actions: [gate] },
    changes: changed.map(([service, image]) => `${service}: ${before.get(service) ?? '?'} -> ${image}`),
    ...(bg ? { beside: bg.beside, finish: bg.finish, notes: [bg.note] } : blueGreen && 'reason' in blueGreen ? { notes: [`in place, not blue-green: ${blueGreen.reason}`] } : {}),
    digests: async () => {
      const out: Record<string, string> = {};
      for (const [service, image] of refs) {
        const res = await ctx.runner.run({ argv: [engine, 'image', 'inspect', '--format', '{{.Id}}', image], timeoutMs: 30_000 });
        if (res.exitCode === 0 && res.stdout.trim()) out[service] = normalDigest(res.stdout.trim());
      }
      return out;
    },
  };
}

/** Where the compose file of the version before an update is kept while the update runs. */
export function savedFile(file: string): string {
  return `${file}.before-update`;
}

/**
 * Takes back an interrupted update: when the saved compose file is there (the new version was being
 * applied), down, the saved file back, the data from the backup, up, and the gate; else nothing ran
 * that changed the app.
 */
export async function composeInterruptedUpdateStep(ctx: ProviderContext, record: DeploymentRecord, request: { from: string; restoreData: readonly PlanAction[] }, settings: ComposeSettings): Promise<PlanStep> {
  const project = recordProject(record);
  const target = await recordTarget(ctx.runner, record, settings, ctx.facts);
  const saved = savedFile(project.file);
  const gate = gateAction(ctx, record, target, settings);
  const copy = interruptedBlueGreenActions(record, target, settings);
  const actions: PlanAction[] = [
    ...downActions(target, project, settings),
    { kind: 'run', command: { argv: ['mv', '-f', '--', saved, project.file] }, description: `put back ${project.file} of ${record.app} ${request.from}` },
    ...request.restoreData,
    { kind: 'run', command: { ...composeCommand('up', target.tool, project, settings), timeoutMs: 30 * 60_000 }, stream: true },
    gate,
  ];
  return {
    id: 'rollback',
    title: `Roll back to ${record.app} ${request.from} (configuration and data) if the update had applied the new version`,
    actions: [
      {
        kind: 'call',
        description: `if ${copy.green.file} is there (blue-green): ${copy.actions.map((a) => describeAction(a)).join('; ')}; then if ${saved} is there: ${actions.map((a) => describeAction(a)).join('; ')}`,
        run: async (actx) => {
          if ((await ctx.runner.run({ argv: ['test', '-e', copy.green.file] })).exitCode === 0) {
            actx.output(`${copy.green.file} is there: the update had started ${request.from}'s successor beside it (blue-green)`);
            for (const action of copy.actions) {
              actx.output(`→ ${describeAction(action)}`);
              await runAction(action, ctx.runner, ctx.clock, actx);
            }
          }
          if ((await ctx.runner.run({ argv: ['test', '-e', saved] })).exitCode !== 0) {
            actx.output(`${saved} is not there: the update had not changed ${record.name}; nothing to roll back`);
            return;
          }
          for (const action of actions) {
            actx.output(`→ ${describeAction(action)}`);
            await runAction(action, ctx.runner, ctx.clock, actx);
          }
        },
      },
    ],
  };
}

function normalDigest(id: string): string {
  return id.startsWith('sha256:') ? id : `sha256:${id}`;
}

/** On the host already: checked; else pulled (a missing image or tag fails here, before anything stops). */
function fetchAction(engine: ComposeTarget['tool']['engine'], image: string, here: boolean): PlanAction {
  if (here) return { kind: 'run', command: imagePresentCommand(engine, image), description: `${image} is on the host already` };
  return { kind: 'run', command: { argv: [engine, 'pull', image], timeoutMs: 30 * 60_000 }, stream: true };
}

/** The gate: the app's probe (its answer is what a user sees), then every container running and healthy. */
function gateAction(ctx: ProviderContext, record: DeploymentRecord, target: ComposeTarget, settings: ComposeSettings): Extract<PlanAction, { kind: 'wait' }> {
  const project = recordProject(record);
  const containers = containersHealthyCheck({ runner: ctx.runner, engine: target.tool.engine, project: project.project, services: project.services, deployment: record.name, clock: ctx.clock, main: project.main });
  const checks = record.probe ? [recordProbeCheck(ctx.runner, record.probe), containers] : [containers];
  return { kind: 'wait', check: allOf(checks), timeoutMs: settings.healthTimeoutSeconds * 1000, intervalMs: 2000 };
}
