import { UserError } from '../../../platform/errors.js';
import type { Recipe } from '../../../platform/recipe/recipe-schema.js';
import type { ServiceSpec } from '../../../platform/recipe/section-schema.js';
import { imageFit, imageTemplates } from '../../compose/adopt/match-recipe.js';
import type { ContainerFingerprint, WorkloadFingerprint } from './fingerprint.js';

/** A recipe whose k3s section fits the workload, with the answers read back from it. */
export interface K3sRecipeMatch {
  recipe: Recipe;
  version: string;
  /** The recipe's service → the container of the workload that runs it. */
  containers: Record<string, string>;
  answers: Record<string, string | number | boolean>;
  /** Each answer and what it was read from. */
  evidence: Record<string, string>;
  /** Answers the workload keeps in a Secret, or the recipe asks as one: named, never read. */
  secretAnswers: string[];
  notes: string[];
}

const SOLE_ANSWER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/** The answers a recipe env value stands for alone (`{{ q }}`), across the alternatives of a cased one. */
function soleAnswers(template: unknown): string[] {
  const values = Array.isArray(template) ? template.map((c: { value?: unknown }) => c.value) : [template];
  return values.flatMap((v) => (typeof v === 'string' ? [SOLE_ANSWER.exec(v.trim())?.[1]].filter((q): q is string => q !== undefined) : []));
}

function answerOf(type: string, value: string): string | number | boolean {
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if ((type === 'port' || type === 'cores') && /^\d+$/.test(value)) return Number(value);
  return value;
}

function readEnv(spec: ServiceSpec, c: ContainerFingerprint, into: K3sRecipeMatch): void {
  for (const [name, template] of Object.entries(spec.env)) {
    const env = c.env.find((e) => e.name === name);
    const question = soleAnswers(template).find((q) => into.recipe.questions.some((x) => x.id === q));
    const asked = into.recipe.questions.find((q) => q.id === question);
    if (!env || !question || !asked) continue;
    if (env.secret || asked.type === 'secret') {
      into.secretAnswers.push(question);
      continue;
    }
    if (env.value === undefined) continue;
    into.answers[question] = answerOf(asked.type, env.value);
    into.evidence[question] = `env ${name} of container ${c.name}`;
  }
}

/** The recipe's namespace, storage class and Ingress host answers, from the workload and what stands around it. */
function readPlacement(fp: WorkloadFingerprint, spec: ServiceSpec, c: ContainerFingerprint, into: K3sRecipeMatch): void {
  into.answers.k3s_namespace = fp.namespace;
  into.evidence.k3s_namespace = `the ${fp.kind}'s namespace`;
  for (const volume of spec.volumes.filter((v) => (v.kind ?? 'data') !== 'shared')) {
    const mount = c.mounts.find((m) => m.path === volume.target);
    const claim = mount ? fp.claims.find((cl) => cl.volume === mount.volume) : undefined;
    if (!claim) {
      into.notes.push(`${volume.target} of the recipe's ${spec.name} is not on a PVC in the workload: its data is not where homelab-tui looks after it`);
      continue;
    }
    if (claim.storageClass && into.answers.k3s_storage_class === undefined) {
      into.answers.k3s_storage_class = claim.storageClass;
      into.evidence.k3s_storage_class = `PVC ${claim.claim} (${claim.size ?? 'size unknown'}) mounted at ${volume.target}`;
    }
  }
  const ingress = fp.ingresses[0];
  if (ingress && into.recipe.k3s?.ingressPort) {
    into.answers.k3s_ingress_host = ingress.host;
    into.evidence.k3s_ingress_host = `Ingress ${ingress.name} routes ${ingress.host} to Service ${ingress.service}`;
  }
}

function matchOne(recipe: Recipe, fp: WorkloadFingerprint): { match: K3sRecipeMatch; score: number } | undefined {
  const section = recipe.k3s;
  if (!section) return undefined;
  const match: K3sRecipeMatch = { recipe, version: '', containers: {}, answers: {}, evidence: {}, secretAnswers: [], notes: [] };
  let tagged = '';
  for (const spec of section.services) {
    const hit = fp.containers.map((c) => ({ c, got: imageFit(spec, c.image) })).find((x) => x.got !== undefined && !Object.values(match.containers).includes(x.c.name));
    if (!hit) {
      match.notes.push(`no container of ${fp.namespace}/${fp.name} runs the recipe's ${spec.name} (${imageTemplates(spec).join(' or ')})`);
      continue;
    }
    match.containers[spec.name] = hit.c.name;
    if (hit.got?.version && !tagged) {
      tagged = hit.got.version;
      match.evidence.version = `the tag of ${hit.c.name}'s image ${hit.c.image}`;
    }
    if (Object.keys(match.containers).length === 1) readPlacement(fp, spec, hit.c, match);
    readEnv(spec, hit.c, match);
  }
  const score = Object.keys(match.containers).length;
  const newest = recipe.versions[0] ?? '';
  if (tagged && recipe.versions.includes(tagged)) match.version = tagged;
  else {
    match.version = newest;
    delete match.evidence.version;
    match.notes.push(tagged ? `the image tag ${tagged} is not a version the recipe lists (${recipe.versions.join(', ')}): version ${newest} is assumed (the recipe's newest)` : `the image has no tag that tells the version: ${newest} is assumed (the recipe's newest)`);
  }
  return { match, score };
}

/**
 * The recipe whose k3s services fit the workload's containers best (by image, as compose adoption
 * matches), with the version from the image tag when the recipe lists it; `app` names the recipe
 * (refused when it has no k3s section). Undefined when no recipe runs these images.
 */
export function matchK3sRecipe(recipes: readonly Recipe[], fp: WorkloadFingerprint, app?: string): K3sRecipeMatch | undefined {
  if (app !== undefined) {
    const recipe = recipes.find((r) => r.id === app);
    if (!recipe) throw new UserError(`--app ${app}: no recipe with that id`, `the catalog's apps: ${recipes.map((r) => r.id).join(', ')}`);
    if (!recipe.k3s) throw new UserError(`--app ${app}: the recipe ${recipe.name} has no k3s section, so it cannot run on k3s`, `apps with one: ${recipes.filter((r) => r.k3s).map((r) => r.id).join(', ') || 'none'}`);
    const found = matchOne(recipe, fp);
    if (!found || found.score === 0) return undefined;
    return found.match;
  }
  let best: { match: K3sRecipeMatch; score: number } | undefined;
  for (const recipe of recipes) {
    const found = matchOne(recipe, fp);
    if (found && found.score > 0 && (!best || found.score > best.score)) best = found;
  }
  return best?.match;
}
