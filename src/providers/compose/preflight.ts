import type { RenderedVolume } from '../../platform/recipe/render/rendered.js';
import type { ComposeInputs } from './inputs.js';
import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import { UserError } from '../../platform/errors.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { ProxyHost } from '../../platform/proxy/proxy-host.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { PreflightItem } from '../provider.js';
import type { ComposeTarget } from './compose-target.js';
import { describeTool } from './compose-target.js';
import { psCommand } from './engine-commands.js';
import { selinuxItems } from './selinux.js';
import { legacyPodmanComposeItems } from './podman-front-end.js';
import { proxyItems } from './preflight-proxy.js';
import { readHostPaths, type HostPath } from './host-paths.js';
import { parsePs } from './parse-containers.js';
import { checkWithHostConfig } from './preflight-config.js';
import { checkImages } from './preflight-images.js';
import { checkPorts } from './preflight-ports.js';
import { prepareProject } from './prepare-project.js';
import { ComposeSchemaError } from './project-files.js';

const GIB = 2 ** 30;

/**
 * Everything that would make an install fail or surprise, each with a hint: the compose tool, the
 * project's name and directory, ports, disk, images, SELinux, Traefik, memory, and the file itself
 * (schema, then the host's own `config`). Nothing is created on the host but a temporary directory.
 */
export async function composePreflight(runner: CommandRunner, inputs: ComposeInputs, settings: ComposeSettings, facts?: () => Promise<HostFacts>, proxyHost?: ProxyHost): Promise<PreflightItem[]> {
  let prepared;
  try {
    prepared = await prepareProject(runner, inputs, inputs.project, settings, facts);
  } catch (error) {
    if (error instanceof ComposeSchemaError) return [{ status: 'fail', label: 'the generated compose file breaks the Compose specification', detail: error.problems.map((p) => `${p.field}: ${p.message}`).join('; '), ...(error.hint ? { hint: error.hint } : {}) }];
    if (error instanceof UserError) return [{ status: 'fail', label: 'compose tool', detail: error.message, ...(error.hint ? { hint: error.hint } : {}) }];
    throw error;
  }
  const { target, present, files } = prepared;
  const volumes = inputs.services.flatMap((s) => s.volumes).filter((v): v is RenderedVolume & { hostPath: string } => v.hostPath !== undefined);
  const paths = await readHostPaths(runner, [files.ref.dir, ...new Set(volumes.map((v) => v.hostPath))]);
  return [
    { status: 'ok', label: `compose: ${describeTool(target)}` },
    ...hostItems(target, inputs),
    ...(await projectItems(runner, target, inputs, files.ref.dir, paths)),
    ...diskItems(volumes, paths, inputs.minimums.diskGiB),
    ...(await checkPorts(runner, inputs)),
    ...(await proxyItems(runner, inputs, settings, proxyHost)),
    ...(await checkImages(runner, target.tool.engine, present)),
    await checkWithHostConfig(runner, target, files, settings),
  ];
}

function hostItems(target: ComposeTarget, inputs: ComposeInputs): PreflightItem[] {
  const { host, tool } = target;
  const items: PreflightItem[] = [...legacyPodmanComposeItems(target), ...selinuxItems(host.selinux, inputs)];
  const traefik = host.traefik[tool.engine];
  if (traefik && inputs.publicHost) items.push({ status: 'ok', label: `Traefik runs (${traefik.container}): routing ${inputs.publicHost} to ${inputs.app}` });
  if (traefik && !inputs.publicHost) items.push({ status: 'warn', label: `Traefik runs (${traefik.container}) but ${inputs.app} has no public host name`, hint: 'add a router rule for it in Traefik yourself' });
  const needed = inputs.minimums.memoryMiB * 2 ** 20;
  if (host.memoryBytes !== undefined && host.memoryBytes < needed) {
    items.push({ status: 'warn', label: `the host has ${mib(host.memoryBytes)} MiB of memory; ${inputs.app} wants at least ${inputs.minimums.memoryMiB} MiB`, hint: 'it may be slow or be killed for lack of memory' });
  }
  return items;
}

async function projectItems(runner: CommandRunner, target: ComposeTarget, inputs: ComposeInputs, dir: string, paths: HostPath[]): Promise<PreflightItem[]> {
  const items: PreflightItem[] = [];
  const ps = await runner.run(psCommand(target.tool.engine, inputs.project));
  const containers = ps.exitCode === 0 ? parsePs(ps.stdout) : [];
  if (containers.length > 0) {
    items.push({ status: 'fail', label: `the compose project "${inputs.project}" already has containers on ${runner.host}`, detail: containers.map((c) => c.name).join(', '), hint: 'choose another name (--name), or uninstall what runs there' });
  }
  if (paths.find((p) => p.path === dir)?.exists) {
    items.push({ status: 'fail', label: `${dir} already exists on ${runner.host}`, hint: 'it holds another deployment or one left behind: uninstall it, or choose another name (--name)' });
  }
  if (items.length === 0) items.push({ status: 'ok', label: `the project "${inputs.project}" is new on ${runner.host} (${dir})` });
  for (const volume of inputs.services.flatMap((s) => s.volumes)) {
    if (volume.kind === 'shared' && volume.hostPath && !paths.find((p) => p.path === volume.hostPath)?.exists) {
      items.push({ status: 'warn', label: `${volume.hostPath} does not exist on ${runner.host}`, detail: 'it will be created empty', hint: 'check the path if it should hold your files already' });
    }
  }
  return items;
}

/** Free space where the data and cache directories live (once per file system). */
function diskItems(volumes: (RenderedVolume & { hostPath: string })[], paths: HostPath[], minimumGiB: number): PreflightItem[] {
  const byMount = new Map<string, { available: number; dirs: string[] }>();
  for (const volume of volumes.filter((v) => v.kind !== 'shared')) {
    const found = paths.find((p) => p.path === volume.hostPath);
    if (!found) continue;
    const entry = byMount.get(found.mountPoint) ?? { available: found.availableBytes, dirs: [] };
    entry.dirs.push(volume.hostPath);
    byMount.set(found.mountPoint, entry);
  }
  return [...byMount].map(([mount, { available, dirs }]) => {
    const free = `${(available / GIB).toFixed(1)} GiB free on ${mount}`;
    if (available >= minimumGiB * GIB) return { status: 'ok', label: `${free} for ${dirs.join(', ')}` };
    return { status: 'fail', label: `only ${free} for ${dirs.join(', ')}`, detail: `the app needs at least ${minimumGiB} GiB`, hint: 'free some space, or choose directories on another disk' };
  });
}

function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}
