import { didYouMean } from '../did-you-mean.js';
import { parseSize } from '../validation/size.js';
import { checkCondition, type RecipeData, type Report } from './condition-checks.js';
import { PROVIDERS, type ProviderId } from './provider-ids.js';
import type { Question } from './question-schema.js';
import { questionsFor } from './questions.js';
import type { Recipe } from './recipe-schema.js';
import type { LxcSection } from './lxc-section-schema.js';
import type { ServiceSpec } from './section-schema.js';
import { BUILT_INS, templateRefs, templateSyntaxProblem } from './template.js';

/** Checks each provider section: placeholders and conditions name real questions, names resolve. */
export function checkSections(recipe: RecipeData, report: Report): void {
  for (const provider of PROVIDERS) {
    const section = recipe[provider];
    if (!section) continue;
    // questionsFor only reads fields zod has already checked; the refinements pending here do not matter to it.
    const questions = new Map(questionsFor(recipe as Recipe, provider).map((q) => [q.id, q]));
    walkTemplates(section, [provider], questions, report);
  }
  const { compose, k3s } = recipe;
  const lxc = recipe['proxmox-lxc'];
  if (compose) checkServices(recipe, 'compose', compose.services, report);
  if (k3s) {
    checkServices(recipe, 'k3s', k3s.services, report);
    if (k3s.ingressPort) checkPortName(k3s.ingressPort, k3s.services[0]?.ports.map((p) => p.name) ?? [], report, ['k3s', 'ingressPort'], 'k3s');
  }
  if (lxc) checkLxc(recipe, lxc, report);
}

function checkLxc(recipe: RecipeData, lxc: LxcSection, report: Report): void {
  const questions = new Map(questionsFor(recipe as Recipe, 'proxmox-lxc').map((q) => [q.id, q]));
  checkPortName(recipe.health.port, lxc.ports.map((p) => p.name), report, ['health', 'port'], 'proxmox-lxc');
  lxc.mounts.forEach((mount, j) => checkForEach(mount.forEach, questions, report, ['proxmox-lxc', 'mounts', j, 'forEach']));
  const { resources } = lxc;
  for (const key of ['memory', 'disk'] as const) {
    if (bytes(resources[key]) < bytes(recipe.minimums[key])) report(['proxmox-lxc', 'resources', key], `${resources[key]} is below the recipe minimum ${recipe.minimums[key]}`);
  }
  if (resources.cores < recipe.minimums.cores) report(['proxmox-lxc', 'resources', 'cores'], `${resources.cores} is below the recipe minimum ${recipe.minimums.cores}`);
}

function checkServices(recipe: RecipeData, provider: 'compose' | 'k3s', services: ServiceSpec[], report: Report): void {
  const questions = new Map(questionsFor(recipe as Recipe, provider).map((q) => [q.id, q]));
  const names = services.map((s) => s.name);
  services.forEach((service, i) => {
    const at = (...rest: (string | number)[]) => [provider, 'services', i, ...rest];
    if (names.indexOf(service.name) !== i) report(at('name'), `duplicate service name "${service.name}"`);
    service.dependsOn.forEach((dep, j) => {
      if (!names.includes(dep)) report(at('dependsOn', j), `no service named "${dep}"`);
    });
    service.volumes.forEach((volume, j) => {
      if (volume.source === undefined && (provider === 'compose' || volume.kind === 'shared')) {
        report(at('volumes', j, 'source'), provider === 'compose' ? 'compose volumes are bind mounts: give the host directory' : 'a shared volume needs the host directory');
      }
      if (!volume.target.startsWith('/') && !(volume.forEach && volume.target.startsWith('{{'))) report(at('volumes', j, 'target'), 'the target must be an absolute path');
      checkForEach(volume.forEach, questions, report, at('volumes', j, 'forEach'));
    });
    // Seeded dirs and files need one known directory, so they cannot point into a per-item volume.
    const volumes = service.volumes.filter((v) => !v.forEach).map((v) => v.name);
    for (const [key, list] of [['dirs', service.dirs], ['files', service.files]] as const) {
      list.forEach((entry, j) => {
        if (!volumes.includes(entry.volume)) report(at(key, j, 'volume'), `service "${service.name}" has no volume "${entry.volume}"`);
      });
    }
    service.dirs.forEach((dir, j) => checkForEach(dir.forEach, questions, report, at('dirs', j, 'forEach')));
  });
  const healthService = services.find((s) => s.name === (recipe.health.service ?? names[0]));
  if (!healthService) report(['health', 'service'], `no ${provider} service named "${recipe.health.service}"`);
  else checkPortName(recipe.health.port, healthService.ports.map((p) => p.name), report, ['health', 'port'], provider);
  const backup = recipe[provider]?.backup;
  [...(backup?.database ?? []), ...(backup?.paths ?? [])].forEach((entry) => {
    if (entry.service && !names.includes(entry.service)) report([provider, 'backup'], `backup names service "${entry.service}", which ${provider} does not define`);
  });
}

function checkForEach(id: string | undefined, questions: Map<string, Question>, report: Report, path: (string | number)[]): void {
  if (id !== undefined && !['list', 'paths'].includes(questions.get(id)?.type ?? '')) report(path, `"${id}" is not a list or paths question`);
}

function checkPortName(port: string, names: string[], report: Report, path: (string | number)[], provider: ProviderId): void {
  if (!names.includes(port)) report(path, `the ${provider} section has no port named "${port}" (has: ${names.join(', ') || 'none'})`);
}

/** Every string in a section may hold placeholders; `when` objects hold conditions; `run` scripts neither. */
function walkTemplates(node: unknown, path: (string | number)[], questions: Map<string, Question>, report: Report): void {
  if (typeof node === 'string') {
    const syntax = templateSyntaxProblem(node);
    if (syntax) report(path, syntax);
    for (const ref of templateRefs(node)) {
      if ((BUILT_INS as readonly string[]).includes(ref) || questions.has(ref)) continue;
      const guess = didYouMean(ref, questions.keys());
      report(path, `{{ ${ref} }} is not a question of this recipe for ${String(path[0])}${guess ? ` (did you mean ${guess}?)` : ''}`);
    }
    return;
  }
  if (Array.isArray(node)) return node.forEach((item, i) => walkTemplates(item, [...path, i], questions, report));
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'when') checkCondition(value as Parameters<typeof checkCondition>[0], questions, report, [...path, key]);
    else if (key !== 'run') walkTemplates(value, [...path, key], questions, report);
  }
}

function bytes(size: string): number {
  const parsed = parseSize(size);
  return parsed.ok ? parsed.value.bytes : 0;
}
