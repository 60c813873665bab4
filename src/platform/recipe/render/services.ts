import { BugError } from '../../errors.js';
import type { ServiceSpec, VolumeSpec } from '../section-schema.js';
import { holds, integer, pick, renderEnv, renderText, text, type RenderScope } from './scope.js';
import type { RenderedService, RenderedVolume } from './rendered.js';

/** Renders the active services of a compose or k3s section; `dependsOn` keeps only active services. */
export function renderServices(scope: RenderScope, specs: ServiceSpec[], where: string): RenderedService[] {
  const active = specs.filter((s) => holds(scope, s.when));
  const names = new Set(active.map((s) => s.name));
  return active.map((spec) => {
    const at = `${where}.${spec.name}`;
    const image = pick(scope, spec.image);
    if (image === undefined) throw new BugError(`${scope.recipe.id}: ${at}.image has no alternative for these answers`);
    const { env, secretEnv } = renderEnv(scope, spec.env, `${at}.env`);
    return {
      name: spec.name,
      image: text(scope, image, `${at}.image`),
      ...(spec.command ? { command: spec.command.map((c, i) => text(scope, c, `${at}.command[${i}]`)) } : {}),
      ...(spec.user ? { user: text(scope, spec.user, `${at}.user`) } : {}),
      env,
      secretEnv,
      ports: spec.ports
        .filter((p) => holds(scope, p.when))
        .map((p) => ({
          name: p.name,
          container: integer(scope, p.container, `${at}.ports.${p.name}.container`),
          ...(p.host !== undefined ? { host: integer(scope, p.host, `${at}.ports.${p.name}.host`) } : {}),
          protocol: p.protocol,
        })),
      volumes: renderVolumes(scope, spec.volumes, `${at}.volumes`),
      dependsOn: spec.dependsOn.filter((d) => names.has(d)),
      dirs: spec.dirs
        .filter((d) => holds(scope, d.when))
        .flatMap((d) => {
          const items = d.forEach ? listAnswer(scope, d.forEach) : [undefined];
          return items.map((item) => ({ volume: d.volume, path: text(scope, d.path, `${at}.dirs`, item) }));
        }),
      files: spec.files
        .filter((f) => holds(scope, f.when))
        .map((f) => {
          const content = renderText(scope, f.content, `${at}.files.${f.path}`);
          return { volume: f.volume, path: f.path, content: content.text, mode: Number.parseInt(f.mode, 8), onlyIfAbsent: f.onlyIfAbsent, secret: content.secret };
        }),
      ...renderHealthcheck(scope, spec, at),
    };
  });
}

function renderHealthcheck(scope: RenderScope, spec: ServiceSpec, at: string): Pick<RenderedService, 'healthcheck'> {
  if (spec.healthcheck === undefined) return {};
  const chosen = pick(scope, spec.healthcheck);
  if (chosen === undefined) return {};
  return { healthcheck: chosen === 'none' ? 'none' : chosen.map((word, i) => text(scope, word, `${at}.healthcheck[${i}]`)) };
}

/** Active volumes; a `forEach` volume becomes one per list item, named name-1, name-2, … */
function renderVolumes(scope: RenderScope, specs: VolumeSpec[], at: string): RenderedVolume[] {
  return specs
    .filter((v) => holds(scope, v.when))
    .flatMap((v) => {
      const items = v.forEach ? listAnswer(scope, v.forEach) : [undefined];
      return items.map((item, i) => ({
        name: v.forEach ? `${v.name}-${i + 1}` : v.name,
        kind: v.kind,
        ...(v.source !== undefined ? { hostPath: text(scope, v.source, `${at}.${v.name}.source`, item) } : {}),
        containerPath: text(scope, v.target, `${at}.${v.name}.target`, item),
        readOnly: v.readOnly,
        size: v.size,
        ...(v.owner ? { owner: text(scope, v.owner, `${at}.${v.name}.owner`) } : {}),
      }));
    });
}

/** The items of a list answer (absent or empty: none). */
export function listAnswer(scope: RenderScope, id: string): string[] {
  const value = scope.answers[id];
  return Array.isArray(value) ? value : [];
}
