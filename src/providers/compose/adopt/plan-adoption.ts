import { RECORD_SCHEMA, type DeploymentRecord, DEPLOYMENT_NAME } from '../../../platform/deployments/deployment-record.js';
import { CommandError, tailOf, UserError } from '../../../platform/errors.js';
import type { Recipe } from '../../../platform/recipe/recipe-schema.js';
import { showCommand } from '../../../platform/show-command.js';
import type { AdoptionProposal, AdoptRequest } from '../../adoption.js';
import type { ProviderContext } from '../../provider.js';
import { describeProject, discoverComposeProjects, enginesOf, type UnmanagedProject } from '../discover.js';
import { inspectCommand, psCommand } from '../engine-commands.js';
import { parsePs } from '../parse-containers.js';
import { parseFingerprints, type ServiceFingerprint } from './fingerprint.js';
import { matchRecipe, type RecipeMatch } from './match-recipe.js';


async function fingerprintsOf(ctx: ProviderContext, project: UnmanagedProject): Promise<ServiceFingerprint[]> {
  const ps = await ctx.runner.run(psCommand(project.engine, project.project));
  if (ps.exitCode !== 0) throw new CommandError(psCommand(project.engine, project.project).argv, ps.exitCode, ctx.hostName, tailOf(ps.stderr));
  const ids = parsePs(ps.stdout).map((c) => c.id);
  const inspect = await ctx.runner.run(inspectCommand(project.engine, ids));
  if (inspect.exitCode !== 0) throw new CommandError(inspectCommand(project.engine, ids).argv, inspect.exitCode, ctx.hostName, tailOf(inspect.stderr));
  const fps = parseFingerprints(inspect.stdout);
  if ('problem' in fps) throw new UserError(`cannot read ${project.project}'s containers on ${ctx.hostName}: ${fps.problem}`, 'report it with the engine\'s version');
  return fps;
}

function composeFile(project: UnmanagedProject): { dir: string; file: string } {
  const dir = project.workingDir;
  const first = project.configFiles?.[0];
  if (!dir || !first) {
    throw new UserError(`${project.project} does not say where its compose file is (no working_dir/config_files labels)`, 'recreate it with a current compose tool (docker compose, docker-compose 1.28+ or podman-compose), then adopt it');
  }
  return { dir, file: first.startsWith('/') ? first : `${dir}/${first}` };
}

/** The record an adoption writes: the project as it runs, the answers read from it, nothing created by us. */
function adoptedRecord(ctx: ProviderContext, name: string, project: UnmanagedProject, match: RecipeMatch, fps: readonly ServiceFingerprint[], now: string): DeploymentRecord {
  const { recipe } = match;
  const where = composeFile(project);
  const health = recipe.health;
  const probedService = health.service ?? recipe.compose?.services[0]?.name ?? '';
  const probedSpec = recipe.compose?.services.find((s) => s.name === probedService);
  const probePort = probedSpec?.ports.find((p) => p.name === health.port);
  const mainName = match.services[probedService] ?? project.services[0] ?? '';
  const published = fps.find((f) => f.service === mainName)?.ports.find((p) => p.container === Number(probePort?.container));
  const data = recipe.compose?.services.flatMap((spec) => {
    const fp = fps.find((f) => f.service === match.services[spec.name]);
    return spec.volumes
      .filter((v) => (v.kind ?? 'data') === 'data')
      .flatMap((v) => fp?.mounts.filter((m) => m.bind && m.target === v.target).map((m) => ({ path: m.source, created: false })) ?? []);
  });
  const services = [mainName, ...project.services.filter((s) => s !== mainName)];
  return {
    schema: RECORD_SCHEMA,
    name,
    app: recipe.id,
    version: match.version,
    provider: 'compose',
    host: ctx.hostName,
    createdAt: now,
    updatedAt: now,
    // The project keeps its own name (compose_project is how homelab-tui names the projects it makes).
    answers: { ...match.answers, compose_project: project.project },
    secretKeys: [],
    refs: { project: project.project, dir: where.dir, file: where.file, engine: project.engine, services: services.join(','), main: mainName },
    urls: published && health.kind === 'http' ? [`http://${ctx.hostAddress}:${published.host}/`] : [],
    ...(data && data.length ? { data } : {}),
    ...(published
      ? {
          probe:
            health.kind === 'http'
              ? { kind: 'http' as const, address: '127.0.0.1', port: published.host, path: health.path, expectStatus: health.status, ...(health.body !== undefined ? { bodyContains: health.body } : {}) }
              : { kind: 'tcp' as const, address: '127.0.0.1', port: published.host },
        }
      : {}),
    releases: [{ version: match.version, at: now, result: 'adopted' }],
  };
}

/**
 * Looks at an unmanaged compose project and proposes its record: fingerprint (images, ports, mounts,
 * env names), the recipe that fits, the answers read back. Changes nothing on the host.
 */
export async function planComposeAdoption(ctx: ProviderContext, recipes: readonly Recipe[], request: AdoptRequest, records: readonly DeploymentRecord[], now: string): Promise<AdoptionProposal> {
  const facts = ctx.facts ? await ctx.facts() : undefined;
  const engines = facts ? enginesOf(facts) : [];
  const found = await discoverComposeProjects(ctx.runner, engines, records);
  const project = found.find((p) => p.project === request.name);
  if (!project) {
    const managed = records.find((r) => r.provider === 'compose' && String(r.refs.project ?? r.name) === request.name);
    if (managed) throw new UserError(`${request.name} on ${ctx.hostName} is already managed: it is deployment ${managed.name}`, `see it with: ${showCommand(['homelab-tui', 'status', '--host', ctx.hostName])}`);
    const names = found.map((p) => p.project);
    throw new UserError(`no unmanaged compose project named "${request.name}" on ${ctx.hostName}`, names.length ? `unmanaged there: ${names.join(', ')}` : 'status lists what runs there with no record');
  }
  const name = request.deployment ?? project.project;
  if (!DEPLOYMENT_NAME.test(name)) throw new UserError(`"${name}" cannot be a deployment name: lower-case letters, digits and -, at most 63`, 'give one with --name (the compose project keeps its own name)');
  if (records.some((r) => r.name === name)) throw new UserError(`a deployment named "${name}" already exists on ${ctx.hostName}`, 'give another with --name');
  const fps = await fingerprintsOf(ctx, project);
  const match = matchRecipe(recipes, fps, request.app);
  if (!match) {
    const images = [...new Set(fps.map((f) => f.image))].join(', ');
    throw new UserError(
      request.app ? `the recipe ${request.app} does not run these images: ${images}` : `no recipe in the catalog runs these images: ${images}`,
      request.app ? 'check the app id (homelab-tui catalog list), or adopt without --app to let it choose' : 'name the app with --app APP if it is one the catalog has under another image',
    );
  }
  const record = adoptedRecord(ctx, name, project, match, fps, now);
  return { workload: describeProject(project, ctx.hostName), record, recipe: { id: match.recipe.id, name: match.recipe.name }, services: match.services, evidence: match.evidence, notes: match.notes };
}
