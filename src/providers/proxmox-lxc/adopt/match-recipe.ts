import type { DataEntry } from '../../../platform/deployments/deployment-record.js';
import { UserError } from '../../../platform/errors.js';
import type { Recipe } from '../../../platform/recipe/recipe-schema.js';
import { describeFingerprint, type LxcFingerprint } from './fingerprint.js';

/** An LXC recipe that fits a container, with the answers read back from its config. */
export interface LxcRecipeMatch {
  recipe: Recipe;
  /** Why this recipe: `--app`, a tag or the hostname. */
  matchedBy: string;
  /** Answers read from the container; the rest stay the recipe's defaults. */
  answers: Record<string, string | number>;
  /** Each answer read and what it was read from. */
  evidence: Record<string, string>;
  /** Bind mounts holding the app's state: the record's data, never created (so never removed) by homelab-tui. */
  data: DataEntry[];
  /** What did not fit. */
  notes: string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** `/srv/{{ media_dir }}`-style template against a value: the answers that stand in its placeholders. */
function captures(template: string, value: string): Record<string, string> | undefined {
  const names: string[] = [];
  let pattern = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    pattern += template.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '(.+?)';
    names.push(m[1] ?? '');
    last = (m.index ?? 0) + m[0].length;
  }
  pattern += template.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const got = new RegExp(`^${pattern}$`).exec(value);
  return got ? Object.fromEntries(names.map((n, i) => [n, got[i + 1] ?? ''])) : undefined;
}

/** The recipe: `app` when given (it must have an LXC section), else one whose id is a tag or the hostname. */
export function chooseLxcRecipe(recipes: readonly Recipe[], fp: LxcFingerprint, app?: string): { recipe: Recipe; matchedBy: string } {
  const lxc = recipes.filter((r) => r['proxmox-lxc'] !== undefined);
  if (app !== undefined) {
    const recipe = recipes.find((r) => r.id === app);
    if (!recipe) throw new UserError(`--app: no recipe "${app}" in the catalog`, `recipes with a Proxmox LXC section: ${lxc.map((r) => r.id).join(', ')}`);
    if (!recipe['proxmox-lxc']) throw new UserError(`--app: the recipe ${app} has no proxmox-lxc section, so it cannot describe a container`, `recipes with a Proxmox LXC section: ${lxc.map((r) => r.id).join(', ')}`);
    return { recipe, matchedBy: '--app' };
  }
  const byTag = lxc.find((r) => fp.tags.includes(r.id));
  if (byTag) return { recipe: byTag, matchedBy: `the container's tag ${byTag.id}` };
  const byName = lxc.find((r) => r.id === fp.hostname);
  if (byName) return { recipe: byName, matchedBy: `the container's hostname ${byName.id}` };
  throw new UserError(`no recipe matches ${describeFingerprint(fp)}: no tag or hostname is a recipe id`, `name the app with --app APP (recipes with a Proxmox LXC section: ${lxc.map((r) => r.id).join(', ')})`);
}

/** The provider questions' answers (lxc_*) as the config shows them. */
function containerAnswers(fp: LxcFingerprint, into: LxcRecipeMatch): void {
  const put = (id: string, value: string | number | undefined, from: string) => {
    if (value === undefined) return;
    into.answers[id] = value;
    into.evidence[id] = from;
  };
  put('lxc_hostname', fp.hostname, 'hostname in the CT config');
  put('lxc_ctid', fp.vmid, 'the container id');
  put('lxc_cores', fp.cores, 'cores in the CT config');
  put('lxc_memory', fp.memoryMiB !== undefined ? `${fp.memoryMiB}M` : undefined, 'memory (MiB) in the CT config');
  put('lxc_disk', fp.disk, 'rootfs size in the CT config');
  put('lxc_storage', fp.storage, 'rootfs volume in the CT config');
  put('lxc_bridge', fp.network?.bridge, 'net0 bridge in the CT config');
  put('lxc_ip', fp.network?.ip, 'net0 ip in the CT config');
  put('lxc_gateway', fp.network?.ip !== 'dhcp' ? fp.network?.gateway : undefined, 'net0 gw in the CT config');
  put('lxc_vlan', fp.network?.vlan, 'net0 tag in the CT config');
  put('lxc_nameserver', fp.nameserver, 'nameserver in the CT config');
  put('lxc_searchdomain', fp.searchdomain, 'searchdomain in the CT config');
}

/**
 * Reads a container's answers for a recipe (pure): its size, network, the recipe's bind mounts (their
 * answers from the host paths), and which mount points hold the app's state (the recipe's backup paths).
 */
export function matchLxcRecipe(recipes: readonly Recipe[], fp: LxcFingerprint, app?: string): LxcRecipeMatch {
  const { recipe, matchedBy } = chooseLxcRecipe(recipes, fp, app);
  const section = recipe['proxmox-lxc'];
  if (!section) throw new UserError(`the recipe ${recipe.id} has no proxmox-lxc section`);
  const match: LxcRecipeMatch = { recipe, matchedBy, answers: {}, evidence: {}, data: [], notes: [] };
  containerAnswers(fp, match);
  const used = new Set<string>();
  for (const spec of section.mounts) {
    if (spec.forEach) continue;
    const mount = fp.mounts.find((m) => m.guestPath === spec.target);
    const got = mount ? captures(spec.source, mount.hostPath) : undefined;
    if (!mount || !got) continue;
    used.add(mount.key);
    for (const [id, value] of Object.entries(got)) {
      match.answers[id] = value;
      match.evidence[id] = `${mount.key} mounts ${mount.hostPath} at ${mount.guestPath}`;
    }
  }
  const state = section.backup.paths.map((p) => p.path.replace(/\/+$/, '')).filter((p) => p.startsWith('/'));
  for (const mount of fp.mounts) {
    if (used.has(mount.key)) continue;
    if (state.some((p) => p === mount.guestPath || p.startsWith(`${mount.guestPath}/`) || mount.guestPath.startsWith(`${p}/`))) {
      match.data.push({ path: mount.hostPath, created: false, mount: mount.guestPath });
    } else {
      match.notes.push(`${mount.key} (${mount.hostPath} at ${mount.guestPath}) is not one of the recipe's mounts nor its data; it stays as it is`);
    }
  }
  if (match.data.length === 0 && state.length > 0) match.notes.push(`no mount point holds the app's data (${state.join(', ')}): it lives on the container's own disk, which uninstall destroys with it`);
  if (fp.unprivileged !== section.unprivileged) match.notes.push(`the container is ${fp.unprivileged ? 'unprivileged' : 'privileged'}, the recipe would make it ${section.unprivileged ? 'unprivileged' : 'privileged'}`);
  if (fp.memoryMiB === undefined || fp.cores === undefined) match.notes.push('the config does not give cores or memory: the recipe\'s defaults are recorded');
  return match;
}
