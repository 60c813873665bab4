import type { Installer, PreflightItem, Provider } from '../../../../src/providers/provider.js';
import type { ProviderRegistry } from '../../../../src/providers/registry.js';
import { providerDetector } from '../../../../src/providers/registry.js';
import { renderComposeInputs } from '../../../../src/providers/compose/render.js';
import type { ComposeInputs } from '../../../../src/providers/compose/inputs.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { writeRecordStep } from '../../../../src/platform/deployments/record-step.js';
import type { CommandRunner } from '../../../../src/platform/runner/command-runner.js';
import type { HostAccess } from '../../../../src/services/lifecycle/host-access.js';
import type { InstallDeps } from '../../../../src/services/install/prepare-install.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { shippedCatalog } from '../../../support/catalog.js';

/** What the stub provider was asked, for assertions. */
export interface StubCalls {
  planned: { name: string; inputs: ComposeInputs; record: DeploymentRecord }[];
}

/** A provider whose plan is one command (`true`, undone by `undo-it`) and the record step. */
export function stubProvider(preflight: PreflightItem[], calls: StubCalls): Provider & Installer<ComposeInputs> {
  return {
    id: 'compose',
    label: 'stub compose',
    preflight: async () => preflight,
    planInstall: async (ctx, request) => {
      calls.planned.push(request);
      return {
        kind: 'install',
        deployment: request.name,
        host: ctx.hostName,
        provider: 'compose',
        app: request.inputs.app,
        secrets: request.inputs.secretValues,
        steps: [
          { id: 'run', title: 'Run it', actions: [{ kind: 'run', command: { argv: ['start-it', request.name] } }], undo: [{ kind: 'run', command: { argv: ['undo-it', request.name] } }] },
          writeRecordStep(ctx.runner, {
            ...request.record,
            refs: { project: request.inputs.project },
            data: request.inputs.services.flatMap((s) => s.volumes).flatMap((v) => (v.hostPath && v.kind !== 'shared' ? [{ path: v.hostPath, created: true }] : [])),
          }),
        ],
      };
    },
    planUninstall: async () => {
      throw new Error('not used');
    },
    status: async () => {
      throw new Error('not used');
    },
    logs: () => {
      throw new Error('not used');
    },
  };
}

/** Pipeline dependencies around one fake host named "lab" and the stub provider (whose plan reuses `reused`, folders holding files). */
export async function stubDeps(runner: CommandRunner, preflight: PreflightItem[] = [], reused: string[] = []): Promise<{ deps: InstallDeps; calls: StubCalls; opened: string[] }> {
  const calls: StubCalls = { planned: [] };
  const opened: string[] = [];
  const registry: ProviderRegistry = {
    ...providerDetector(['compose']),
    ids: ['compose'],
    entry: () => {
      const provider = stubProvider(preflight, calls);
      return {
        provider,
        install: (recipe, answers) => {
          const inputs = renderComposeInputs(recipe, answers);
          return {
            inputs,
            preflight: (ctx) => provider.preflight(ctx, inputs),
            planInstall: async (ctx, request) => ({ ...(await provider.planInstall(ctx, { ...request, inputs })), ...(reused.length ? { data: { reused } } : {}) }),
          };
        },
        nameAnswers: (name) => ({ compose_project: name }),
      };
    },
  };
  const hosts: HostAccess = {
    names: () => ['lab'],
    open: async (name) => {
      opened.push(name);
      return { name, address: '10.9.9.9', runner };
    },
    close: async () => undefined,
  };
  return { deps: { catalog: await shippedCatalog(), registry, hosts, clock: new FakeClock(Date.parse('2026-11-22T10:00:00Z')) }, calls, opened };
}
