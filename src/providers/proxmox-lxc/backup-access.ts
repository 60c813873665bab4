import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import { commandCheck } from '../../platform/health/command-check.js';
import type { BackupInputs, RenderedCommon } from '../../platform/recipe/render/rendered.js';
import type { BackupAccess, ProviderContext } from '../provider.js';
import { containerRef, ensureOnThisNode } from './container-ref.js';
import { guestProbe } from './guest-probe.js';
import type { LxcInputs } from './inputs.js';
import { pveshRead } from './node-facts.js';
import { bindMountsOf, parseContainerConfig } from './parse-container.js';
import { pct, pvePaths } from './pve-commands.js';

/** A clean shutdown before data is copied or replaced; a hard stop after this long. */
const SHUTDOWN_TIMEOUT_SECONDS = 60;

type BindMount = ReturnType<typeof bindMountsOf>[number];

/** The node path of a guest path that lies on one of the container's bind mounts (the deepest one). */
export function nodePathOf(mounts: readonly BindMount[], guestPath: string): string | undefined {
  const path = guestPath.replace(/\/+$/, '') || '/';
  const mount = mounts
    .filter((m) => path === m.guestPath || path.startsWith(`${m.guestPath.replace(/\/+$/, '')}/`))
    .sort((a, b) => b.guestPath.length - a.guestPath.length)[0];
  return mount ? `${mount.hostPath.replace(/\/+$/, '')}${path.slice(mount.guestPath.replace(/\/+$/, '').length)}` : undefined;
}

/** Parses the service env file the install wrote (`KEY='value'`, single quotes escaped as `'\''`). */
export function parseGuestEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)='(.*)'$/s.exec(line);
    if (match?.[1] !== undefined) values[match[1]] = (match[2] ?? '').replace(/'\\''/g, "'");
  }
  return values;
}

/**
 * Each secret answer's value as the guest holds it: the service env variable whose rendered value
 * holds the answer's sentinel, read from the env file in the container (`pct exec … cat`).
 */
export async function readLxcSecrets(ctx: ProviderContext, record: DeploymentRecord, rendered: RenderedCommon, sentinels: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const service = (rendered as Partial<LxcInputs>).service;
  if (!service || Object.keys(sentinels).length === 0) return {};
  const ref = containerRef(record);
  await ensureOnThisNode(ctx.runner, ref, record.name);
  const read = await ctx.runner.run({ argv: pct.exec(ref.vmid, ['cat', '--', service.envFile]), timeoutMs: 60_000 });
  const actual = read.exitCode === 0 ? parseGuestEnvFile(read.stdout) : {};
  const secrets: Record<string, string> = {};
  for (const [answer, sentinel] of Object.entries(sentinels)) {
    const name = Object.keys(service.env).find((key) => service.env[key]?.includes(sentinel));
    const value = name ? actual[name] : undefined;
    if (!name || value === undefined) continue;
    const template = service.env[name] ?? '';
    const before = template.slice(0, template.indexOf(sentinel));
    const after = template.slice(template.indexOf(sentinel) + sentinel.length);
    if (value.startsWith(before) && value.endsWith(after)) secrets[answer] = value.slice(before.length, value.length - after.length);
  }
  return secrets;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/;

/**
 * Where a Proxmox container's backup lives: its data paths are bind mounts from the node (the
 * deployment's data directory, see data-mounts.ts), read and replaced on the node while the container
 * is shut down for a restore. A SQLite file must lie on such a mount; a database server is dumped from
 * the node (pg_dump/mysqldump there) when the recipe names a server the node reaches.
 */
export async function lxcBackupAccess(ctx: ProviderContext, record: DeploymentRecord, backup: BackupInputs, healthTimeoutMs: number): Promise<BackupAccess> {
  const ref = containerRef(record);
  await ensureOnThisNode(ctx.runner, ref, record.name);
  const config = parseContainerConfig((await pveshRead(ctx.runner, pvePaths.containerConfig(ref.node, ref.vmid))).stdout);
  const mounts = bindMountsOf(config);
  const hint = 'its data directories must be bind mounts from the node (installs by this version make them); reinstall with --reuse-data after moving the data there';
  const hostPaths = backup.paths.map((p) => {
    const found = nodePathOf(mounts, p.path);
    if (!found) throw new UserError(`${record.name}: the backup path ${p.path} in CT ${ref.vmid} is not on a bind mount from the node`, hint);
    return found;
  });
  const db = backup.database;
  let sqliteHostPath: string | undefined;
  if (db?.kind === 'sqlite') {
    sqliteHostPath = nodePathOf(mounts, db.path);
    if (!sqliteHostPath) throw new UserError(`${record.name}: its SQLite file ${db.path} in CT ${ref.vmid} is not on a bind mount from the node`, hint);
  } else if (db && LOOPBACK.test(db.host)) {
    throw new UserError(`${record.name}: its ${db.kind} database runs inside CT ${ref.vmid}, which this version does not dump`, 'back up a container whose database is a server the node reaches, or use the compose provider');
  }
  const probe = ref.probe;
  return {
    hostPaths,
    ...(sqliteHostPath ? { sqliteHostPath } : {}),
    databaseExec: [],
    stop: { argv: pct.shutdown(ref.vmid, SHUTDOWN_TIMEOUT_SECONDS), timeoutMs: (SHUTDOWN_TIMEOUT_SECONDS + 60) * 1000 },
    start: { argv: pct.start(ref.vmid), timeoutMs: 120_000 },
    // Without a recorded probe the container answering a command is what "up" means.
    healthy: probe
      ? guestProbe(ctx.runner, probe, { node: ref.node, vmid: ref.vmid, address: ref.address })
      : commandCheck({ runner: ctx.runner, command: { argv: pct.exec(ref.vmid, ['true']), timeoutMs: 30_000 }, description: `CT ${ref.vmid} runs commands` }),
    healthTimeoutMs,
  };
}
