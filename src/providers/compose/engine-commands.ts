import type { Command } from '../../platform/runner/command-runner.js';
import type { ContainerEngine } from './compose-host.js';
import { REGISTRY_CHECK_TIMEOUT_MS } from './registry-reach.js';

/** The label every compose flavour sets on a project's containers (podman-compose too). */
export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';

/** Every container of a project, running or not: JSON lines (docker) or one JSON array (podman). */
export function psCommand(engine: ContainerEngine, project: string): Command {
  return { argv: [engine, 'ps', '-a', '--filter', `label=${PROJECT_LABEL}=${project}`, '--format', '{{json .}}'], timeoutMs: 30_000 };
}

export function inspectCommand(engine: ContainerEngine, ids: readonly string[]): Command {
  return { argv: [engine, 'inspect', ...ids], timeoutMs: 30_000 };
}

/** Runs a container's healthcheck now: Podman has no timer for it without systemd (LAB.md). */
export function healthcheckRunCommand(id: string): Command {
  return { argv: ['podman', 'healthcheck', 'run', id], timeoutMs: 60_000 };
}

/** A container's log with time stamps, for merging several services in time order. */
export function logsCommand(engine: ContainerEngine, id: string, options: { since?: string; tail?: number; follow?: boolean }): Command {
  return {
    argv: [
      engine,
      'logs',
      '--timestamps',
      ...(options.since ? ['--since', options.since] : []),
      ...(options.tail !== undefined ? ['--tail', String(options.tail)] : []),
      ...(options.follow ? ['--follow'] : []),
      id,
    ],
  };
}

/** Exits 0 when the image is on the host. */
export function imagePresentCommand(engine: ContainerEngine, image: string): Command {
  return engine === 'docker' ? { argv: ['docker', 'image', 'inspect', '--format', '{{.Id}}', image], timeoutMs: 30_000 } : { argv: ['podman', 'image', 'exists', image], timeoutMs: 30_000 };
}

/** Asks the image's registry for its manifest without pulling: can this host pull it? (a short wait: see registry-reach.ts) */
export function registryCheckCommand(engine: ContainerEngine, image: string): Command {
  return { argv: [engine, 'manifest', 'inspect', image], timeoutMs: REGISTRY_CHECK_TIMEOUT_MS };
}

/** podman-compose down leaves the project's network behind (LAB.md); this removes it. */
export function removeProjectNetworkCommand(project: string): Command {
  return { argv: ['podman', 'network', 'rm', '-f', `${project}_default`], timeoutMs: 30_000 };
}

/** Stops and removes a project's containers by label, for when its compose file is gone. */
export function removeByLabelCommand(engine: ContainerEngine, project: string): Command {
  const script = 'ids=$("$0" ps -aq --filter "label=$1=$2"); [ -z "$ids" ] || "$0" rm -f $ids';
  return { argv: ['sh', '-c', script, engine, PROJECT_LABEL, project], timeoutMs: 120_000 };
}
