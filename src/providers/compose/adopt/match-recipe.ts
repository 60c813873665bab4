import type { Recipe } from '../../../platform/recipe/recipe-schema.js';
import type { ServiceSpec } from '../../../platform/recipe/section-schema.js';
import type { ServiceFingerprint } from './fingerprint.js';

/** A recipe that fits what runs, with the answers read back from it. */
export interface RecipeMatch {
  recipe: Recipe;
  version: string;
  /** Recipe service → the project's own service name. */
  services: Record<string, string>;
  /** Answers read from the containers (ports, folders); the rest stay the recipe's defaults. */
  answers: Record<string, string | number>;
  /** Each inferred answer and what it was read from, to show the user. */
  evidence: Record<string, string>;
  /** What did not fit (a version the recipe does not list, a recipe service with no container). */
  notes: string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** docker.io/library/x, localhost/x and x name the same image to an engine. */
export function normalizeImage(image: string): string {
  return image.replace(/^(docker\.io|index\.docker\.io|localhost)\//, '').replace(/^library\//, '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A template as a regex: `{{ version }}` and other placeholders capture what stands in their place. */
function templateRegex(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  let pattern = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    pattern += escape(template.slice(last, m.index));
    pattern += m[1] === 'version' ? '([A-Za-z0-9._-]+)' : '(.+?)';
    names.push(m[1] ?? '');
    last = (m.index ?? 0) + m[0].length;
  }
  pattern += escape(template.slice(last));
  return { regex: new RegExp(`^${pattern}$`), names };
}

function captures(template: string, value: string): Record<string, string> | undefined {
  const { regex, names } = templateRegex(template);
  const m = regex.exec(value);
  if (!m) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? '']));
}

/** Every image a service may run: its template, or each alternative of a cased one. */
export function imageTemplates(spec: ServiceSpec): string[] {
  const image = spec.image as unknown;
  if (typeof image === 'string') return [image];
  return Array.isArray(image) ? image.flatMap((c: { value?: unknown }) => (typeof c.value === 'string' ? [c.value] : [])) : [];
}

/** What the image's tag and parts say against a service's image template (`version`, …), or undefined when it is not that image. */
export function imageFit(spec: ServiceSpec, image: string): Record<string, string> | undefined {
  for (const template of imageTemplates(spec)) {
    const got = captures(normalizeImage(template), normalizeImage(image));
    if (got) return got;
  }
  return undefined;
}

/** A template that is one answer and nothing else (`{{ port }}`), or undefined. */
function soleAnswer(template: unknown): string | undefined {
  if (typeof template !== 'string') return undefined;
  const m = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(template.trim());
  return m?.[1];
}

function readAnswers(spec: ServiceSpec, fp: ServiceFingerprint, into: RecipeMatch): void {
  for (const port of spec.ports) {
    const question = soleAnswer(port.host);
    const published = fp.ports.find((p) => p.container === Number(port.container));
    if (question && published) {
      into.answers[question] = published.host;
      into.evidence[question] = `${fp.service} publishes ${published.container}/${published.protocol} on host port ${published.host}`;
    }
  }
  for (const volume of spec.volumes) {
    if (typeof volume.source !== 'string') continue;
    const mount = fp.mounts.find((m) => m.bind && m.target === volume.target);
    if (!mount) continue;
    const got = captures(volume.source, mount.source);
    for (const [question, value] of Object.entries(got ?? {})) {
      into.answers[question] = value;
      into.evidence[question] = `${fp.service} mounts ${mount.source} at ${mount.target}`;
    }
  }
}

/**
 * The recipe that fits the project's containers best (most of its services matched by image), with
 * the version from the image tag and the answers its ports and folders show; `app` forces a recipe.
 */
export function matchRecipe(recipes: readonly Recipe[], fingerprints: readonly ServiceFingerprint[], app?: string): RecipeMatch | undefined {
  let best: { match: RecipeMatch; score: number } | undefined;
  for (const recipe of recipes) {
    if (!recipe.compose || (app !== undefined && recipe.id !== app)) continue;
    const match: RecipeMatch = { recipe, version: '', services: {}, answers: {}, evidence: {}, notes: [] };
    for (const spec of recipe.compose.services) {
      const hit = fingerprints.map((fp) => ({ fp, got: imageFit(spec, fp.image) })).find((x) => x.got !== undefined && !Object.values(match.services).includes(x.fp.service));
      if (!hit) {
        match.notes.push(`no container runs the recipe's ${spec.name} (${imageTemplates(spec).join(' or ')})`);
        continue;
      }
      match.services[spec.name] = hit.fp.service;
      if (hit.got?.version && !match.version) match.version = hit.got.version;
      readAnswers(spec, hit.fp, match);
    }
    const score = Object.keys(match.services).length;
    if (score === 0) continue;
    if (!match.version) match.version = recipe.versions[0] ?? '';
    else if (!recipe.versions.includes(match.version)) match.notes.push(`version ${match.version} is not one the recipe lists (${recipe.versions.join(', ')}); update offers those`);
    if (!best || score > best.score) best = { match, score };
  }
  return best?.match;
}
