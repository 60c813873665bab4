import { z } from 'zod';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { Command, CommandRunner } from '../../platform/runner/command-runner.js';
import { showCommand } from '../../platform/show-command.js';
import type { UnmanagedWorkload } from '../adoption.js';
import type { ProviderContext } from '../provider.js';
import type { ContainerEngine } from './compose-host.js';
import { PROJECT_LABEL, SERVICE_LABEL } from './engine-commands.js';
import { dockerLabels } from './parse-containers.js';

/** A compose project on a host that no homelab-tui record points at: something started by hand. */
export interface UnmanagedProject {
  project: string;
  engine: ContainerEngine;
  services: string[];
  images: string[];
  running: number;
  total: number;
  /** Where its compose file is, from the labels every compose tool sets (absent on very old tools). */
  workingDir?: string;
  configFiles?: string[];
}

const WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';
const CONFIG_FILES_LABEL = 'com.docker.compose.project.config_files';
/** homelab-tui's own label (compose-document.ts): a container with it belongs to a deployment. */
const DEPLOYMENT_LABEL = 'homelab-tui.deployment';

/** Every container any compose tool made, running or not, on one engine. */
export function composeContainersCommand(engine: ContainerEngine): Command {
  return { argv: [engine, 'ps', '-a', '--filter', `label=${PROJECT_LABEL}`, '--format', '{{json .}}'], timeoutMs: 30_000 };
}

interface Listed {
  image: string;
  running: boolean;
  labels: Record<string, string>;
}

const dockerLine = z.object({ Image: z.string(), State: z.string(), Labels: z.string() });
const podmanEntry = z.object({ Image: z.string(), State: z.string(), Labels: z.record(z.string(), z.string()).nullable() });

/** docker's JSON lines or podman's array to image, state and labels; what does not parse is left out (pure). */
export function parseComposeContainers(stdout: string): Listed[] {
  const text = stdout.trim();
  if (!text) return [];
  if (text.startsWith('[')) {
    const parsed = z.array(podmanEntry).safeParse(safeJson(text));
    return parsed.success ? parsed.data.map((e) => ({ image: e.Image, running: e.State === 'running', labels: e.Labels ?? {} })) : [];
  }
  return text.split('\n').flatMap((line) => {
    const parsed = dockerLine.safeParse(safeJson(line));
    return parsed.success ? [{ image: parsed.data.Image, running: parsed.data.State === 'running', labels: dockerLabels(parsed.data.Labels) }] : [];
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Groups the containers by project, leaving out homelab-tui's own and the projects of `managed` (pure). */
export function unmanagedProjects(engine: ContainerEngine, containers: readonly Listed[], managed: ReadonlySet<string>): UnmanagedProject[] {
  const byProject = new Map<string, Listed[]>();
  for (const c of containers) {
    const project = c.labels[PROJECT_LABEL];
    if (!project || c.labels[DEPLOYMENT_LABEL] !== undefined || managed.has(project)) continue;
    byProject.set(project, [...(byProject.get(project) ?? []), c]);
  }
  return [...byProject.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([project, list]) => {
      const labels = list[0]?.labels ?? {};
      const configFiles = labels[CONFIG_FILES_LABEL]?.split(',').filter(Boolean);
      return {
        project,
        engine,
        services: [...new Set(list.map((c) => c.labels[SERVICE_LABEL] ?? '').filter(Boolean))].sort(),
        images: [...new Set(list.map((c) => c.image))].sort(),
        running: list.filter((c) => c.running).length,
        total: list.length,
        ...(labels[WORKING_DIR_LABEL] ? { workingDir: labels[WORKING_DIR_LABEL] } : {}),
        ...(configFiles?.length ? { configFiles } : {}),
      };
    });
}

/** The engines a host's facts found (docker, podman or both). */
export function enginesOf(facts: HostFacts): ContainerEngine[] {
  return (['docker', 'podman'] as const).filter((e) => facts.tools[e] !== undefined);
}

/**
 * The compose projects on the host that no record names, per engine. An engine that does not answer
 * gives none (discovery never fails a status).
 */
export async function discoverComposeProjects(runner: CommandRunner, engines: readonly ContainerEngine[], records: readonly DeploymentRecord[]): Promise<UnmanagedProject[]> {
  const managed = new Set(records.filter((r) => r.provider === 'compose').map((r) => String(r.refs.project ?? r.name)));
  const found = await Promise.all(
    engines.map(async (engine) => {
      const result = await runner.run(composeContainersCommand(engine)).catch(() => undefined);
      return result?.exitCode === 0 ? unmanagedProjects(engine, parseComposeContainers(result.stdout), managed) : [];
    }),
  );
  return found.flat();
}

/** A project as the unmanaged list shows it, with the command that adopts it. */
export function describeProject(p: UnmanagedProject, host: string): UnmanagedWorkload {
  return {
    name: p.project,
    provider: 'compose',
    summary: `compose project (${p.engine}): ${p.running}/${p.total} running, ${p.images.join(', ')}${p.workingDir ? `, in ${p.workingDir}` : ''}`,
    hint: `adopt it: ${showCommand(['homelab-tui', 'adopt', p.project, '--host', host])}`,
  };
}

/** The compose provider's part of discovery: projects on each engine the host's facts found. */
export async function discoverCompose(ctx: ProviderContext, records: readonly DeploymentRecord[]): Promise<UnmanagedWorkload[]> {
  const facts = ctx.facts ? await ctx.facts().catch(() => undefined) : undefined;
  if (!facts) return [];
  return (await discoverComposeProjects(ctx.runner, enginesOf(facts), records)).map((p) => describeProject(p, ctx.hostName));
}
