import { BugError } from '../../errors.js';
import type { BackupSpec, HealthSpec } from '../section-schema.js';
import { holds, integer, minimumsOf, secretValues, text, type RenderScope } from './scope.js';
import type { BackupInputs, HealthProbe, RenderedCommon, RenderedService } from './rendered.js';

/** The probe for a service; `port` is the number to probe from where the provider stands (see HealthProbe). */
export function renderHealth(health: HealthSpec, service: string, port: number): HealthProbe {
  if (health.kind === 'tcp') return { kind: 'tcp', service, port };
  return { kind: 'http', service, port, path: health.path, expectStatus: health.status, ...(health.body !== undefined ? { bodyContains: health.body } : {}) };
}

/** The service and named port a health probe targets: `health.service` or the first (main) service. */
export function probedPort(scope: RenderScope, services: RenderedService[]): { service: RenderedService; port: RenderedService['ports'][number] } {
  const name = scope.recipe.health.service ?? services[0]?.name;
  const service = services.find((s) => s.name === name);
  const port = service?.ports.find((p) => p.name === scope.recipe.health.port);
  if (!service || !port) throw new BugError(`${scope.recipe.id}: the health probe's port "${scope.recipe.health.port}" of "${String(name)}" is not active for these answers`);
  return { service, port };
}

/** The fields every provider's inputs start with. */
export function commonFields(scope: RenderScope): Pick<RenderedCommon, 'app' | 'version' | 'minimums' | 'secretValues'> {
  return { app: scope.recipe.id, version: text(scope, '{{ version }}', 'version'), minimums: minimumsOf(scope.recipe), secretValues: secretValues(scope) };
}

/**
 * What a backup holds. `hostPathOf` maps a path inside a service to the host when it lies on a bind
 * mount (compose); the other providers pass nothing and reach the path through the container or guest.
 */
export function renderBackup(
  scope: RenderScope,
  spec: BackupSpec,
  mainService: string | undefined,
  hostPathOf: (service: string, path: string) => string | undefined = () => undefined,
): BackupInputs {
  const where = `${scope.provider}.backup`;
  const dump = spec.database.find((d) => holds(scope, d.when));
  const paths = spec.paths
    .filter((p) => holds(scope, p.when))
    .map((p) => {
      const service = p.service ?? mainService;
      const hostPath = service ? hostPathOf(service, p.path) : undefined;
      return { ...(service ? { service } : {}), path: p.path, ...(hostPath ? { hostPath } : {}) };
    });
  if (!dump) return { paths };
  if (dump.kind === 'sqlite') {
    const service = dump.service ?? mainService;
    const hostPath = service ? hostPathOf(service, dump.file) : undefined;
    return { database: { kind: 'sqlite', ...(service ? { service } : {}), path: dump.file, ...(hostPath ? { hostPath } : {}) }, paths };
  }
  return {
    database: {
      kind: dump.kind,
      ...(dump.service ? { service: dump.service } : {}),
      host: text(scope, dump.host, `${where}.database.host`),
      port: integer(scope, dump.port, `${where}.database.port`),
      database: text(scope, dump.database, `${where}.database.database`),
      user: text(scope, dump.user, `${where}.database.user`),
      password: text(scope, dump.password, `${where}.database.password`),
    },
    paths,
  };
}

/** The host path behind a container path, through the longest bind mount that contains it. */
export function hostPathIn(services: RenderedService[], serviceName: string, path: string): string | undefined {
  const service = services.find((s) => s.name === serviceName);
  const mounts = (service?.volumes ?? [])
    .filter((v) => v.hostPath !== undefined && (path === v.containerPath || path.startsWith(`${v.containerPath}/`)))
    .sort((a, b) => b.containerPath.length - a.containerPath.length);
  const mount = mounts[0];
  return mount?.hostPath !== undefined ? `${mount.hostPath}${path.slice(mount.containerPath.length)}` : undefined;
}
