import type { ComposeInputs } from './inputs.js';
import { podmanBootAction, podmanBootRemoval } from './podman-boot.js';
import { firstLoginStep } from './first-login.js';
import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { writeRecordStep } from '../../platform/deployments/record-step.js';
import type { HealthCheck } from '../../platform/health/health-check.js';
import { httpCheck } from '../../platform/health/http-check.js';
import { tcpCheck } from '../../platform/health/tcp-check.js';
import type { Plan, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { composeCommand } from './compose-commands.js';
import { describeTool, type ComposeTarget } from './compose-target.js';
import { containersHealthyCheck } from './container-health.js';
import { dataPaths, dataStep } from './data-step.js';
import { dataEntries, describeDataPath, probeDataPaths, type DataPathState } from '../../platform/deployments/data-probe.js';
import { dataFields } from '../../platform/deployments/data-ownership.js';
import { removeProjectNetworkCommand } from './engine-commands.js';
import { prepareProject } from './prepare-project.js';
import type { ProjectFiles } from './project-files.js';
import { composeCaddySite } from './proxy-step.js';

/**
 * The install plan: data directories (undo removes only those it creates), the project directory with the compose file
 * and the 0600 env files, `up -d`, a wait for healthy containers, the app's own probe, and the record.
 * Every generated file was checked against the Compose specification before this returns.
 */
export async function planComposeInstall(ctx: ProviderContext, request: { name: string; inputs: ComposeInputs; record: DeploymentRecord }, settings: ComposeSettings): Promise<Plan> {
  const { name, inputs } = request;
  const { target, files } = await prepareProject(ctx.runner, inputs, name, settings, ctx.facts);
  const states = await probeDataPaths(ctx.runner, dataPaths(inputs));
  const proxy = composeCaddySite(inputs, name, settings, ctx.proxyHost);
  const installed = installedRecord(ctx, request, target, files, states);
  const record = proxy ? { ...installed, refs: { ...installed.refs, ...proxy.refs }, urls: [proxy.url, ...installed.urls] } : installed;
  const data = dataStep(inputs, states);
  const steps: PlanStep[] = [
    ...(data ? [data] : []),
    projectStep(files),
    upStep(target, files, settings, inputs),
    {
      id: 'health',
      title: 'Wait for the containers to be healthy',
      actions: [
        {
          kind: 'wait',
          check: containersHealthyCheck({ runner: ctx.runner, engine: target.tool.engine, project: files.ref.project, services: inputs.services.map((s) => s.name), deployment: name, clock: ctx.clock, main: inputs.services[0]?.name ?? inputs.health.service }),
          timeoutMs: settings.healthTimeoutSeconds * 1000,
          intervalMs: 2000,
        },
      ],
    },
    { id: 'probe', title: `Check that ${inputs.app} answers`, actions: [{ kind: 'wait', check: appProbe(ctx, inputs), timeoutMs: 60_000, intervalMs: 2000 }] },
    ...(proxy ? [proxy.step] : []),
    ...(inputs.firstLogin ? [firstLoginStep(ctx.runner, target.tool.engine, files.ref.project, inputs.app, inputs.firstLogin, () => ctx.clock.now())] : []),
    writeRecordStep(ctx.runner, record),
  ];
  return {
    kind: 'install',
    deployment: name,
    host: ctx.hostName,
    provider: 'compose',
    app: inputs.app,
    steps,
    secrets: inputs.secretValues,
    notes: [
      `compose: ${describeTool(target)}; project "${files.ref.project}" in ${files.ref.dir}`,
      ...record.urls.map((url) => `open ${url}`),
      ...states.map(describeDataPath),
      ...(states.length ? [`data stays in ${states.map((s) => s.path).join(', ')} (uninstall keeps it; uninstall --purge removes the folders this install creates)`] : []),
    ],
    data: { reused: states.filter((s) => s.holdsFiles).map((s) => s.path) },
  };
}

function projectStep(files: ProjectFiles): PlanStep {
  return {
    id: 'project',
    title: `Write the compose project in ${files.ref.dir}`,
    actions: [
      { kind: 'run', command: { argv: ['mkdir', '-p', '--', files.ref.dir] } },
      { kind: 'write', path: files.ref.file, content: files.composeText, mode: 0o644 },
      ...files.envFiles.map((env) => ({ kind: 'write' as const, path: env.path, content: env.text, mode: 0o600, description: `write ${env.path} (mode 0600, secrets of ${env.service})` })),
    ],
    undo: [{ kind: 'run', command: { argv: ['rm', '-rf', '--', files.ref.dir] } }],
    creates: [files.ref.file, ...files.envFiles.map((e) => e.path)],
  };
}

/** `up -d`, undone by `down` (and, for podman-compose, the network it leaves behind). */
function upStep(target: ComposeTarget, files: ProjectFiles, settings: ComposeSettings, inputs: ComposeInputs): PlanStep {
  return {
    id: 'up',
    title: 'Start the containers',
    // Pulling images can take long on a slow link.
    actions: [
      { kind: 'run', command: { ...composeCommand('up', target.tool, files.ref, settings), timeoutMs: 30 * 60_000 }, stream: true },
      // Podman has no daemon: the deployment comes back after a reboot only through podman-restart.service.
      ...(target.tool.engine === 'podman' ? [podmanBootAction(files.ref.project, inputs)] : []),
    ],
    undo: [...downActions(target, files.ref, settings), ...(target.tool.engine === 'podman' ? [podmanBootRemoval(files.ref.project)] : [])],
    creates: [`containers of the compose project ${files.ref.project}`],
  };
}

/** Stops and removes the project's containers and networks; never its bind-mounted data. */
export function downActions(target: ComposeTarget, ref: ProjectFiles['ref'], settings: ComposeSettings): PlanStep['actions'] {
  return [
    { kind: 'run', command: { ...composeCommand('down', target.tool, ref, settings), timeoutMs: 5 * 60_000 } },
    ...(target.tool.flavour === 'podman-compose' ? [{ kind: 'run' as const, command: removeProjectNetworkCommand(ref.project), description: `remove the network ${ref.project}_default (podman-compose down leaves it)` }] : []),
  ];
}

/** The app's own probe, run on the host against the published port. */
function appProbe(ctx: ProviderContext, inputs: ComposeInputs): HealthCheck {
  const probe = inputs.health;
  if (probe.kind === 'tcp') return tcpCheck({ host: '127.0.0.1', port: probe.port, via: ctx.runner });
  return httpCheck({ url: `http://127.0.0.1:${probe.port}${probe.path}`, expectStatus: probe.expectStatus, ...(probe.bodyContains !== undefined ? { expectBody: probe.bodyContains } : {}), via: ctx.runner });
}

function installedRecord(ctx: ProviderContext, request: { inputs: ComposeInputs; record: DeploymentRecord }, target: ComposeTarget, files: ProjectFiles, states: readonly DataPathState[]): DeploymentRecord {
  const { inputs, record } = request;
  const probe = inputs.health;
  const main = inputs.services[0]?.name ?? probe.service;
  return {
    ...record,
    refs: {
      ...record.refs,
      project: files.ref.project,
      dir: files.ref.dir,
      file: files.ref.file,
      flavour: target.tool.flavour,
      engine: target.tool.engine,
      services: inputs.services.map((s) => s.name).join(','),
      main,
    },
    urls: probe.kind === 'http' ? [`http://${ctx.hostAddress}:${probe.port}/`] : record.urls,
    ...dataFields(dataEntries(states)),
    probe:
      probe.kind === 'http'
        ? { kind: 'http', address: '127.0.0.1', port: probe.port, path: probe.path, expectStatus: probe.expectStatus, ...(probe.bodyContains !== undefined ? { bodyContains: probe.bodyContains } : {}) }
        : { kind: 'tcp', address: '127.0.0.1', port: probe.port },
  };
}
