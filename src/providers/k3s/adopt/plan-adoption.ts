import { RECORD_SCHEMA, type DeploymentRecord, DEPLOYMENT_NAME } from '../../../platform/deployments/deployment-record.js';
import { CommandError, tailOf, UserError } from '../../../platform/errors.js';
import type { Recipe } from '../../../platform/recipe/recipe-schema.js';
import { showCommand } from '../../../platform/show-command.js';
import type { AdoptionProposal, AdoptRequest } from '../../adoption.js';
import type { ProviderContext } from '../../provider.js';
import { adoptedNames, describeK3sWorkload, discoverK3sWorkloads, type UnmanagedWorkload } from '../discover.js';
import { kubectl } from '../kubectl.js';
import { INSTANCE, MANAGED_BY } from '../labels.js';
import { k3sRefs, selectorText } from '../refs.js';
import { FINGERPRINT_KINDS, parseWorkloadFingerprint, type WorkloadFingerprint } from './fingerprint.js';
import { matchK3sRecipe, type K3sRecipeMatch } from './match-recipe.js';
import { adoptionNotes, probeOf } from './record-parts.js';


/** Why NAME is not an unmanaged workload of the cluster: managed already (adopted or installed), or unknown. */
function notFound(ctx: ProviderContext, name: string, found: readonly UnmanagedWorkload[], records: readonly DeploymentRecord[]): UserError {
  const [namespace, workload] = name.includes('/') ? name.split('/', 2) : ['', name];
  const adopted = adoptedNames(records).get(name);
  const installed = records.find((r) => {
    if (r.provider !== 'k3s') return false;
    try {
      const refs = k3sRefs(r);
      return refs.namespace === namespace && refs.serviceList.includes(workload ?? '');
    } catch {
      return false;
    }
  });
  const managed = adopted ?? installed?.name;
  if (managed) return new UserError(`${name} on ${ctx.hostName} is already managed: it is deployment ${managed}`, `see it with: ${showCommand(['homelab-tui', 'status', '--host', ctx.hostName])}`);
  const names = found.map((w) => `${w.namespace}/${w.name}`);
  const same = found.filter((w) => w.name === name).map((w) => `${w.namespace}/${w.name}`);
  const format = name.includes('/') ? '' : 'NAME is NAMESPACE/NAME (a Deployment or StatefulSet); ';
  return new UserError(
    `no unmanaged k3s workload named "${name}" on ${ctx.hostName}`,
    same.length ? `${format}did you mean ${same.join(' or ')}?` : names.length ? `${format}unmanaged there: ${names.join(', ')}` : `${format}status lists what runs there with no record`,
  );
}

async function fingerprintOf(ctx: ProviderContext, w: UnmanagedWorkload): Promise<WorkloadFingerprint> {
  const command = kubectl(['get', FINGERPRINT_KINDS, '-n', w.namespace, '-o', 'json'], { timeoutMs: 30_000 });
  const result = await ctx.runner.run(command);
  if (result.exitCode !== 0) throw new CommandError(command.argv, result.exitCode, ctx.hostName, tailOf(result.stderr), 'check the cluster on the host: kubectl get nodes');
  const fp = parseWorkloadFingerprint(result.stdout, w.namespace, w.name);
  if (fp === undefined) throw new UserError(`${w.namespace}/${w.name} went away on ${ctx.hostName} while it was read`, 'see what runs there: homelab-tui status --host ' + ctx.hostName);
  if ('problem' in fp) throw new UserError(`cannot read ${w.namespace}/${w.name} on ${ctx.hostName}: ${fp.problem}`, "report it with kubectl's version");
  return fp;
}

/** The record an adoption writes: the workload as it runs, found by its names, the answers read from it. */
function adoptedRecord(ctx: ProviderContext, name: string, fp: WorkloadFingerprint, match: K3sRecipeMatch, now: string): DeploymentRecord {
  const probe = probeOf(fp, match);
  const mainService = match.recipe.k3s?.services.find((s) => match.containers[s.name] !== undefined)?.name ?? fp.name;
  const objects = [...fp.services.map((s) => `Service/${s.name}`), ...[...new Set(fp.ingresses.map((i) => i.name))].map((i) => `Ingress/${i}`)];
  return {
    schema: RECORD_SCHEMA,
    name,
    app: match.recipe.id,
    version: match.version,
    provider: 'k3s',
    host: ctx.hostName,
    createdAt: now,
    updatedAt: now,
    answers: { ...match.answers },
    secretKeys: [...new Set(match.secretAnswers)],
    refs: {
      namespace: fp.namespace,
      services: fp.name,
      main: fp.name,
      probeService: probe.service,
      probePort: probe.port,
      ...(probe.path !== undefined ? { probePath: probe.path } : {}),
      ...(probe.body !== undefined ? { probeBody: probe.body } : {}),
      adoptedWorkloads: `${mainService}=${fp.kind}/${fp.name}`,
      adoptedSelectors: selectorText(fp.selector),
      ...(objects.length ? { adoptedObjects: objects.join(',') } : {}),
      ...(fp.claims.length ? { adoptedClaims: fp.claims.map((c) => c.claim).join(',') } : {}),
    },
    urls: fp.ingresses[0] ? [`http://${fp.ingresses[0].host}/`] : [],
    releases: [{ version: match.version, at: now, result: 'adopted' }],
  };
}

/**
 * Looks at an unmanaged Deployment or StatefulSet (NAMESPACE/NAME) and proposes its record: its
 * images, ports, Service, env (values not from a Secret), PVCs and Ingress; the recipe whose k3s
 * services run those images; the answers read back. Reads only: nothing on the cluster changes.
 */
export async function planK3sAdoption(ctx: ProviderContext, recipes: readonly Recipe[], request: AdoptRequest, records: readonly DeploymentRecord[], now: string): Promise<AdoptionProposal> {
  const adopted = adoptedNames(records);
  const found = (await discoverK3sWorkloads(ctx.runner)).filter((w) => !adopted.has(`${w.namespace}/${w.name}`));
  const workload = found.find((w) => `${w.namespace}/${w.name}` === request.name);
  if (!workload) throw notFound(ctx, request.name, found, records);
  const name = request.deployment ?? workload.name;
  if (!DEPLOYMENT_NAME.test(name)) throw new UserError(`--name: "${name}" cannot be a deployment name: lower-case letters, digits and -, at most 63`, 'give one with --name (the workload keeps its own name)');
  if (records.some((r) => r.name === name)) throw new UserError(`--name: a deployment named "${name}" already exists on ${ctx.hostName}`, 'give another with --name');
  const fp = await fingerprintOf(ctx, workload);
  const match = matchK3sRecipe(recipes, fp, request.app);
  if (!match) {
    const images = fp.containers.map((c) => c.image).join(', ');
    throw new UserError(
      request.app ? `--app ${request.app}: the recipe's k3s services do not run these images: ${images}` : `no recipe in the catalog runs these images on k3s: ${images}`,
      request.app ? 'check the app id (homelab-tui catalog list), or adopt without --app to let it choose' : 'name the app with --app APP if it is one the catalog has under another image',
    );
  }
  const record = adoptedRecord(ctx, name, fp, match, now);
  const services = Object.fromEntries(Object.keys(match.containers).map((s) => [s, `${fp.name}`]));
  return {
    workload: describeK3sWorkload(workload, ctx.hostName),
    record,
    recipe: { id: match.recipe.id, name: match.recipe.name },
    services,
    evidence: match.evidence,
    notes: [...match.notes, ...adoptionNotes(fp, match, record, [MANAGED_BY, INSTANCE])],
  };
}
