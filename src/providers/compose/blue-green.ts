import { parseDocument } from 'yaml';
import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { allOf } from '../../platform/health/health-check.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import { describeAction, runAction } from '../../platform/operation/run-action.js';
import { caddyApplyAction, recordedCaddySite } from '../../platform/proxy/caddy.js';
import { readRemoteFile } from '../../platform/remote-file.js';
import type { ProviderContext } from '../provider.js';
import { composeCommand, type ProjectRef } from './compose-commands.js';
import type { ComposeTarget } from './compose-target.js';
import { containersHealthyCheck } from './container-health.js';
import { LISTENERS_ARGV, parseListeners } from './listeners.js';
import { downActions } from './plan-install.js';
import { recordProbeCheck } from './plan-restart.js';
import { recordProject } from './record-target.js';

// Blue-green on compose, where the recipe declares it (`blueGreen: true`) and the deployment is served
// by the managed Caddy: the user's entry point is the Caddy site, so it can move between two copies of
// the app without a gap. The new version starts as a second compose project beside the old one (the
// same directory, data and env files; only the probed port published, on a spare port), passes the
// gate there, and Caddy's upstream moves to it (a graceful reload: requests in flight finish on the
// old upstream). Then the deployment's own project is updated in place while Caddy serves the copy,
// gated on its own port, Caddy moves back, and the copy stops. The deployment ends as an in-place
// update leaves it (its project, port and record); only its own port, not the site, is down meanwhile.

/** The compose project of the copy beside a deployment's project, and its file (same directory, so relative paths resolve alike). */
export function greenProject(project: ProjectRef): ProjectRef {
  return { project: `${project.project}-hl-green`, dir: project.dir, file: `${project.dir}/compose.green.yaml` };
}

/** The compose file of the copy: every published port left out but the probed one, which moves to `to`. Undefined when no service publishes `from`. */
export function greenComposeText(text: string, from: number, to: number): string | undefined {
  const doc = parseDocument(text);
  const services = doc.getIn(['services']) as { items?: { key: unknown }[] } | undefined;
  let found = false;
  for (const item of services?.items ?? []) {
    const name = String((item.key as { value?: unknown })?.value ?? item.key);
    const ports = doc.getIn(['services', name, 'ports']);
    if (ports === undefined) continue;
    const list = (ports as { toJSON(): unknown }).toJSON() as unknown[];
    const kept = list.filter((p): p is string => typeof p === 'string' && p.startsWith(`${from}:`)).map((p) => `${to}:${p.slice(`${from}:`.length)}`);
    found ||= kept.length > 0;
    if (kept.length) doc.setIn(['services', name, 'ports'], kept);
    else doc.deleteIn(['services', name, 'ports']);
  }
  return found ? doc.toString({ lineWidth: 0 }) : undefined;
}

/** The first port after `from` nobody listens on (TCP), from the host's listeners. */
export async function sparePort(ctx: ProviderContext, from: number): Promise<number | undefined> {
  const res = await ctx.runner.run({ argv: [...LISTENERS_ARGV], timeoutMs: 30_000 });
  if (res.exitCode !== 0) return undefined;
  const taken = new Set(parseListeners(res.stdout).filter((l) => l.protocol === 'tcp').map((l) => l.port));
  for (let port = from + 1; port <= Math.min(65535, from + 200); port++) if (!taken.has(port)) return port;
  return undefined;
}

const UPSTREAM = (port: number) => `\treverse_proxy 127.0.0.1:${port}\n`;

/** The blue-green steps of an update, or why it runs in place. */
export interface BlueGreen {
  /** Between the fetch and the apply: the copy up, its gate, Caddy switched to it. */
  beside: PlanStep[];
  /** After the deployment's own gate: Caddy back, the copy down. */
  finish: PlanStep[];
  /** First in the apply step's undo: the copy goes before the data comes back. */
  stopCopy: PlanAction[];
  note: string;
}

export async function planBlueGreen(
  ctx: ProviderContext,
  record: DeploymentRecord,
  target: ComposeTarget,
  settings: ComposeSettings,
  update: { newText: string; from: string; to: string },
): Promise<BlueGreen | { reason: string }> {
  const site = recordedCaddySite(record.refs);
  if (!site) return { reason: 'it is not served by the managed Caddy (compose.proxy.kind: caddy and a domain), so nothing can switch its traffic' };
  const probe = record.probe;
  if (probe?.kind !== 'http') return { reason: 'its health probe is not HTTP' };
  const siteText = await readRemoteFile(ctx.runner, site.site);
  if (siteText === undefined || !siteText.includes(UPSTREAM(probe.port))) return { reason: `its Caddy site ${site.site} does not send to 127.0.0.1:${probe.port}` };
  const port = await sparePort(ctx, probe.port);
  if (port === undefined) return { reason: `no free port after ${probe.port} on ${ctx.hostName}` };
  const greenText = greenComposeText(update.newText, probe.port, port);
  if (!greenText) return { reason: `no service publishes port ${probe.port}` };
  const project = recordProject(record);
  const green = greenProject(project);
  const app = record.app;
  const gate: PlanAction = {
    kind: 'wait',
    check: allOf([
      recordProbeCheck(ctx.runner, { ...probe, port }),
      containersHealthyCheck({ runner: ctx.runner, engine: target.tool.engine, project: green.project, services: project.services, deployment: record.name, clock: ctx.clock, main: project.main }),
    ]),
    timeoutMs: settings.healthTimeoutSeconds * 1000,
    intervalMs: 1000,
  };
  const stopCopy = [stopCopyAction(ctx, target, settings, green)];
  const siteTo = (to: number, text: string): PlanAction[] => [
    { kind: 'write', path: site.site, content: text.replace(UPSTREAM(probe.port), UPSTREAM(to)), mode: 0o644, description: `Caddy's site sends to 127.0.0.1:${to}` },
    caddyApplyAction(site.dir),
  ];
  const back: PlanAction[] = [{ kind: 'write', path: site.site, content: siteText, mode: 0o644, description: `Caddy's site sends to 127.0.0.1:${probe.port} again` }, caddyApplyAction(site.dir)];
  return {
    beside: [
      {
        id: 'green-up',
        title: `Start ${app} ${update.to} beside ${update.from} (project ${green.project}, port ${port})`,
        actions: [{ kind: 'write', path: green.file, content: greenText, mode: 0o644, description: `write ${green.file}: the new images, only port ${port} published` }, { kind: 'run', command: { ...composeCommand('up', target.tool, green, settings), timeoutMs: 30 * 60_000 }, stream: true }],
        undo: stopCopy,
        creates: [green.file],
      },
      { id: 'green-gate', title: `Health gate: ${app} ${update.to} beside ${update.from} runs, is healthy and answers on port ${port}`, actions: [gate] },
      { id: 'switch', title: `Switch the site to ${app} ${update.to} on port ${port} (Caddy reloads gracefully)`, actions: siteTo(port, siteText), undo: back },
    ],
    finish: [
      { id: 'switch-back', title: `Switch the site back to port ${probe.port}, now ${app} ${update.to}`, actions: back },
      { id: 'green-down', title: `Stop the copy beside it (${green.project})`, actions: stopCopy },
    ],
    stopCopy,
    note: `blue-green: ${update.to} starts beside ${update.from} on port ${port} and Caddy switches to it once it is healthy; ${project.project} is then updated on port ${probe.port} while Caddy serves the copy, and Caddy switches back`,
  };
}

/**
 * Stops the copy when its file is there (the apply step's undo and the green-up step's undo both stop
 * it, and `down` without its file fails), then removes the file.
 */
function stopCopyAction(ctx: ProviderContext, target: ComposeTarget, settings: ComposeSettings, green: ProjectRef): PlanAction {
  const actions: PlanAction[] = [...downActions(target, green, settings), { kind: 'run', command: { argv: ['rm', '-f', '--', green.file] }, description: `remove ${green.file}` }];
  return {
    kind: 'call',
    description: `if ${green.file} is there: ${actions.map((a) => describeAction(a)).join('; ')}`,
    run: async (actx) => {
      if ((await ctx.runner.run({ argv: ['test', '-e', green.file] })).exitCode !== 0) return;
      for (const action of actions) await runAction(action, ctx.runner, ctx.clock, actx);
    },
  };
}

// Takes back a blue-green update that was interrupted: the copy stopped, Caddy's site sent to the
// deployment's own port again (argument: the site, Caddy's dir, the port).
const SITE_BACK = 'set -e; [ -f "$1" ] || exit 0; sed -i "s/^\\treverse_proxy 127\\.0\\.0\\.1:[0-9]*$/\\treverse_proxy 127.0.0.1:$3/" "$1"';

/** What takes back an interrupted blue-green update when its copy is there (nothing otherwise). */
export function interruptedBlueGreenActions(record: DeploymentRecord, target: ComposeTarget, settings: ComposeSettings): { green: ProjectRef; actions: PlanAction[] } {
  const green = greenProject(recordProject(record));
  const site = recordedCaddySite(record.refs);
  const port = record.probe?.kind === 'http' ? record.probe.port : undefined;
  return {
    green,
    actions: [
      ...downActions(target, green, settings),
      { kind: 'run', command: { argv: ['rm', '-f', '--', green.file] }, description: `remove ${green.file}` },
      ...(site && port !== undefined ? [{ kind: 'run' as const, command: { argv: ['sh', '-c', SITE_BACK, 'sh', site.site, site.dir, String(port)] }, description: `Caddy's site sends to 127.0.0.1:${port} again` }, caddyApplyAction(site.dir)] : []),
    ],
  };
}
