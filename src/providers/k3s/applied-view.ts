/**
 * What homelab-tui sets in an object, read from the object as the cluster keeps it: the live object
 * cut down to the fields of the manifests homelab-tui renders (the server's own additions, such as
 * defaults, status and managed fields, left out), so a live object and a rendered one compare as
 * equal when nothing homelab-tui sets has changed, and a difference is one the user would see.
 */

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The keys of both templates, each key's templates (a field one render has and the other does not still counts). */
function keysOf(templates: readonly Json[]): Map<string, Json[]> {
  const keys = new Map<string, Json[]>();
  for (const t of templates) {
    if (!isRecord(t)) continue;
    for (const [k, v] of Object.entries(t)) keys.set(k, [...(keys.get(k) ?? []), v]);
  }
  return keys;
}

/** A list item's templates: the items of the same `name` (env, containers, ports), or else at the same place. */
function itemTemplates(item: Json, index: number, lists: readonly Json[][]): Json[] {
  const name = isRecord(item) ? item.name : undefined;
  return lists.flatMap((list) => {
    const found = name !== undefined ? list.find((x) => isRecord(x) && x.name === name) : list[index];
    return found === undefined ? [] : [found];
  });
}

/**
 * The live value cut down to the templates' fields: objects keep the keys a template has, list items
 * are cut by the item of the same name (or place); an item no template has stays whole (an env entry
 * added by hand is a difference worth showing). Scalars are kept as they are.
 */
export function projectOnto(live: Json, templates: readonly Json[]): Json {
  if (Array.isArray(live)) {
    const lists = templates.filter(Array.isArray) as Json[][];
    return live.map((item, i) => {
      const its = itemTemplates(item, i, lists);
      return its.length ? projectOnto(item, its) : item;
    });
  }
  if (!isRecord(live)) return live;
  const keys = keysOf(templates);
  if (keys.size === 0) return live;
  const out: Record<string, Json> = {};
  for (const [k, ts] of keys) {
    if (k in live) out[k] = projectOnto(live[k], ts);
  }
  return out;
}

/**
 * Drops what the API server leaves out of what it returns (`false`, empty lists and objects): a
 * rendered `readOnly: false` and a live object without it are the same setting.
 */
export function withoutEmpty(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (!isRecord(value)) return value;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) {
    const kept = withoutEmpty(v);
    if (kept === false || kept === undefined || kept === null) continue;
    if (Array.isArray(kept) && kept.length === 0) continue;
    if (isRecord(kept) && Object.keys(kept).length === 0) continue;
    out[k] = kept;
  }
  return out;
}

/** A view as the review shows it and as views compare: empty settings left out, keys in order. */
export function settingsOf(value: Json): Json {
  return sorted(withoutEmpty(value));
}

/** Whether two views hold the same settings (key order aside). */
export function sameSettings(a: Json, b: Json): boolean {
  return JSON.stringify(settingsOf(a)) === JSON.stringify(settingsOf(b));
}

function sorted(value: Json): Json {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
}
