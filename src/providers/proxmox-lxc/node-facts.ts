import { CommandError, tailOf, UserError } from '../../platform/errors.js';
import type { CommandRunner, RunResult } from '../../platform/runner/command-runner.js';
import { parseBridges, parseClusterGuests, parseNextId, parseNodeStatus, parseStorages, parseTemplates } from './parse-node.js';
import type { BridgeInfo, ClusterGuest, NodeCapacity, StorageInfo } from './parse-node.js';
import { MOUNT_PROBE_SCRIPT, parseMountProbe } from './mount-checks.js';
import { pvePaths, pveshGet, type PveOption } from './pve-commands.js';

/** Everything preflight and planning read from the node, in one object. */
export interface NodeFacts {
  node: string;
  capacity: NodeCapacity;
  guests: ClusterGuest[];
  nextId: number;
  storages: StorageInfo[];
  bridges: BridgeInfo[];
  /** Template volume ids on every active storage that holds templates. */
  templates: string[];
}

// Reads are quick on a node; a minute covers a busy cluster filesystem.
const READ_TIMEOUT_MS = 60_000;

/** Runs `pvesh get` and returns its stdout; a failure is a CommandError with pvesh's own message. */
export async function pveshRead(runner: CommandRunner, path: string, params: readonly PveOption[] = []): Promise<RunResult & { exitCode: number }> {
  const argv = pveshGet(path, params);
  const result = await runner.run({ argv, timeoutMs: READ_TIMEOUT_MS });
  if (result.exitCode === 127) {
    throw new UserError(`${runner.host} has no pvesh: it is not a Proxmox VE node`, 'pick a Proxmox VE node for the proxmox-lxc provider');
  }
  if (result.exitCode !== 0) throw new CommandError(argv, result.exitCode, runner.host, tailOf(result.stderr || result.stdout));
  return { ...result, exitCode: 0 };
}

/** The node name pct acts on: the host's name up to the first dot (PVE::INotify::nodename). */
export async function readNodeName(runner: CommandRunner): Promise<string> {
  const result = await runner.run({ argv: ['uname', '-n'], timeoutMs: READ_TIMEOUT_MS });
  if (result.exitCode !== 0) throw new CommandError(['uname', '-n'], result.exitCode, runner.host, tailOf(result.stderr));
  return result.stdout.trim().split('.')[0] ?? '';
}

/** The login's uid on the node (`id -u`): pct and pvesh run as root only. */
export async function readLoginUid(runner: CommandRunner): Promise<number> {
  const result = await runner.run({ argv: ['id', '-u'], timeoutMs: READ_TIMEOUT_MS });
  if (result.exitCode !== 0) throw new CommandError(['id', '-u'], result.exitCode, runner.host, tailOf(result.stderr));
  return Number(result.stdout.trim());
}

/** Reads the node's capacity, the cluster's guests and next id, storages, bridges and templates. */
export async function readNodeFacts(runner: CommandRunner): Promise<NodeFacts> {
  const node = await readNodeName(runner);
  const [status, resources, nextId, storages, network] = await Promise.all([
    pveshRead(runner, pvePaths.nodeStatus(node)),
    pveshRead(runner, pvePaths.clusterResources),
    pveshRead(runner, pvePaths.nextId),
    pveshRead(runner, pvePaths.storages(node)),
    pveshRead(runner, pvePaths.network(node)),
  ]);
  const storageList = parseStorages(storages.stdout);
  const templateStores = storageList.filter((s) => s.active && s.enabled && s.content.includes('vztmpl'));
  const contents = await Promise.all(templateStores.map((s) => pveshRead(runner, pvePaths.storageContent(node, s.id), [['content', 'vztmpl']])));
  return {
    node,
    capacity: parseNodeStatus(status.stdout),
    guests: parseClusterGuests(resources.stdout),
    nextId: parseNextId(nextId.stdout),
    storages: storageList,
    bridges: parseBridges(network.stdout),
    templates: contents.flatMap((c) => parseTemplates(c.stdout)),
  };
}

/** Owner of each bind mount source on the node, or undefined where it does not exist. */
export async function probeMountSources(runner: CommandRunner, paths: readonly string[]): Promise<Map<string, { uid: number; gid: number } | undefined>> {
  if (paths.length === 0) return new Map();
  const argv = ['sh', '-c', MOUNT_PROBE_SCRIPT, 'sh', ...paths];
  const result = await runner.run({ argv, timeoutMs: READ_TIMEOUT_MS });
  if (result.exitCode !== 0) throw new CommandError(['probe mount sources', ...paths], result.exitCode, runner.host, tailOf(result.stderr));
  return parseMountProbe(result.stdout);
}
