import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { CommandError, UserError, tailOf } from '../../platform/errors.js';
import { allOf } from '../../platform/health/health-check.js';
import type { BackupInputs, RenderedCommon } from '../../platform/recipe/render/rendered.js';
import { readRemoteFile } from '../../platform/remote-file.js';
import type { BackupAccess, ProviderContext } from '../provider.js';
import { composeCommand } from './compose-commands.js';
import { envFileName } from './compose-document.js';
import { containersHealthyCheck } from './container-health.js';
import type { ComposeInputs } from './inputs.js';
import { recordProbeCheck } from './plan-restart.js';
import { recordProject, recordTarget } from './record-target.js';
import { serviceExec } from './service-exec.js';

/** Parses an env file as the compose flavours read the ones homelab-tui writes (NAME=value, plain or in single quotes). */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0 || line.startsWith('#')) continue;
    const raw = line.slice(at + 1);
    values[line.slice(0, at)] = raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  }
  return values;
}

/**
 * Each secret answer's value read back from the services' env files: the env variable whose rendered
 * value holds the answer's sentinel, with the text around the sentinel taken off the real value.
 */
export async function readComposeSecrets(ctx: ProviderContext, record: DeploymentRecord, rendered: RenderedCommon, sentinels: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const project = recordProject(record);
  const services = (rendered as Partial<ComposeInputs>).services ?? [];
  const files = new Map<string, Record<string, string>>();
  const envOf = async (service: string): Promise<Record<string, string>> => {
    const known = files.get(service);
    if (known) return known;
    const text = await readRemoteFile(ctx.runner, `${project.dir}/${envFileName(service)}`);
    const parsed = text === undefined ? {} : parseEnvFile(text);
    files.set(service, parsed);
    return parsed;
  };
  const secrets: Record<string, string> = {};
  for (const [answer, sentinel] of Object.entries(sentinels)) {
    for (const service of services) {
      const name = Object.keys(service.env).find((key) => service.env[key]?.includes(sentinel));
      if (!name) continue;
      const template = service.env[name] ?? '';
      const before = template.slice(0, template.indexOf(sentinel));
      const after = template.slice(template.indexOf(sentinel) + sentinel.length);
      const actual = (await envOf(service.name))[name];
      if (actual !== undefined && actual.startsWith(before) && actual.endsWith(after) && !before.includes(sentinel) && !after.includes(sentinel)) {
        secrets[answer] = actual.slice(before.length, actual.length - after.length);
        break;
      }
    }
  }
  return secrets;
}

/** Where a compose deployment's backup paths are on the host, its database container, stop, start and health. */
export async function composeBackupAccess(ctx: ProviderContext, record: DeploymentRecord, backup: BackupInputs, settings: ComposeSettings): Promise<BackupAccess> {
  const project = recordProject(record);
  const target = await recordTarget(ctx.runner, record, settings, ctx.facts);
  const hostPaths = backup.paths.map((p) => {
    if (!p.hostPath) throw new UserError(`${record.name}: the backup path ${p.path} of ${p.service ?? 'its app'} is not on a folder of the host`, 'the compose recipe must mount it from a host folder (a volume with a source)');
    return p.hostPath;
  });
  const db = backup.database;
  const sqliteHostPath = db?.kind === 'sqlite' ? db.hostPath : undefined;
  if (db?.kind === 'sqlite' && !sqliteHostPath) throw new UserError(`${record.name}: its SQLite file ${db.path} is not on a folder of the host`);
  // A database in a service of the project: its tools run in that service's container, found when
  // they run (a rollback recreates it); a load starts that service alone first.
  const companion = db && db.kind !== 'sqlite' ? db.service : undefined;
  const databaseExec = companion ? serviceExec(target.tool.engine, project.project, companion) : [];
  const up = composeCommand('up', target.tool, project, settings);
  const containers = containersHealthyCheck({ runner: ctx.runner, engine: target.tool.engine, project: project.project, services: project.services, deployment: record.name, clock: ctx.clock, main: project.main });
  return {
    hostPaths,
    ...(sqliteHostPath ? { sqliteHostPath } : {}),
    databaseExec,
    ...(companion ? { databaseStart: { ...up, argv: [...up.argv, '--no-deps', companion], timeoutMs: 5 * 60_000 } } : {}),
    stop: { argv: [...target.tool.argv, '-p', project.project, '-f', project.file, 'stop'], cwd: project.dir, timeoutMs: 5 * 60_000 },
    start: { ...composeCommand('up', target.tool, project, settings), timeoutMs: 5 * 60_000 },
    healthy: record.probe ? allOf([containers, recordProbeCheck(ctx.runner, record.probe)]) : containers,
    healthTimeoutMs: settings.healthTimeoutSeconds * 1000,
  };
}
