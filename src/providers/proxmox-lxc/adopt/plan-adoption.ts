import { RECORD_SCHEMA, deploymentRecordSchema, type DeploymentRecord, type RecordProbe, DEPLOYMENT_NAME } from '../../../platform/deployments/deployment-record.js';
import { dataFields } from '../../../platform/deployments/data-ownership.js';
import { UserError } from '../../../platform/errors.js';
import type { Recipe } from '../../../platform/recipe/recipe-schema.js';
import { showCommand } from '../../../platform/show-command.js';
import type { CommandRunner } from '../../../platform/runner/command-runner.js';
import type { AdoptionProposal, AdoptRequest } from '../../adoption.js';
import type { ProviderContext } from '../../provider.js';
import { describeContainer, discoverLxcContainers, type UnmanagedContainer } from '../discover.js';
import { addressOf } from '../guest-probe.js';
import { pveshRead, readNodeName } from '../node-facts.js';
import { installedVersion } from '../package-facts.js';
import { parseContainerConfig, parseContainerState } from '../parse-container.js';
import { parseClusterGuests } from '../parse-node.js';
import { pct, pvePaths } from '../pve-commands.js';
import { lxcFingerprint } from './fingerprint.js';
import { matchLxcRecipe, type LxcRecipeMatch } from './match-recipe.js';


/** Why NAME is not an unmanaged container of this node: managed already, on another node, or unknown. */
async function notFound(ctx: ProviderContext, node: string, name: string, found: readonly UnmanagedContainer[], records: readonly DeploymentRecord[]): Promise<UserError> {
  const managed = records.find((r) => r.provider === 'proxmox-lxc' && (r.name === name || String(r.refs.hostname ?? '') === name));
  if (managed) return new UserError(`${name} on ${ctx.hostName} is already managed: it is deployment ${managed.name} (CT ${String(managed.refs.vmid)})`, `see it with: ${showCommand(['homelab-tui', 'status', '--host', ctx.hostName])}`);
  const guests = parseClusterGuests((await pveshRead(ctx.runner, pvePaths.clusterResources)).stdout);
  const elsewhere = guests.find((g) => g.type === 'lxc' && g.name === name && g.node !== undefined && g.node !== node);
  if (elsewhere) return new UserError(`${name} (CT ${elsewhere.vmid}) is on node ${elsewhere.node ?? ''}, but --host ${ctx.hostName} is node ${node}: pct acts on its own node only`, `add ${elsewhere.node ?? ''} to the inventory (homelab-tui hosts add) and adopt it with --host set to it`);
  const names = found.map((c) => c.name);
  return new UserError(`no unmanaged LXC container named "${name}" on ${ctx.hostName} (node ${node})`, names.length ? `NAME is a container's hostname; unmanaged there: ${names.join(', ')}` : 'status lists what runs there with no record');
}

/** Cheap reads inside a running container: the package's version and whether the recipe's service runs. */
async function guestFacts(runner: CommandRunner, vmid: number, match: LxcRecipeMatch): Promise<{ version?: string; evidence: Record<string, string>; notes: string[] }> {
  const section = match.recipe['proxmox-lxc'];
  if (!section) return { evidence: {}, notes: [] };
  const service = section.service.name;
  const active = await runner.run({ argv: pct.exec(vmid, ['systemctl', 'is-active', service]), timeoutMs: 30_000 });
  const notes = active.exitCode === 0 ? [] : [`systemctl is-active ${service} in CT ${vmid} said "${(active.stdout || active.stderr).trim().split('\n')[0] ?? ''}": the recipe's service may not run there`];
  const evidence: Record<string, string> = active.exitCode === 0 ? { service: `systemctl is-active ${service} in CT ${vmid}: active` } : {};
  const version = section.package ? await installedVersion(runner, vmid, section.package) : undefined;
  return { ...(version ? { version } : {}), evidence, notes };
}

/** The record's probe: the recipe's health check at the container's address; a port that is an answer (`{{ webui_port }}`) is read or its default. */
function probeOf(recipe: Recipe, address: string, answers: Readonly<Record<string, string | number>>): RecordProbe | undefined {
  const raw = recipe['proxmox-lxc']?.ports.find((p) => p.name === recipe.health.port)?.port;
  const answer = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(String(raw ?? ''))?.[1];
  const question = recipe.questions.find((q) => q.id === answer);
  const fallback = question && 'default' in question ? question.default : undefined;
  const port = Number(answer ? (answers[answer] ?? fallback) : raw);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  const h = recipe.health;
  return h.kind === 'tcp' ? { kind: 'tcp', address, port } : { kind: 'http', address, port, path: h.path, expectStatus: h.status, ...(h.body !== undefined ? { bodyContains: h.body } : {}) };
}

/**
 * Looks at an unmanaged container of this node and proposes its record: its config (size, network,
 * mount points), its tags or hostname to a recipe, the answers read back. Changes nothing on the host.
 */
export async function planLxcAdoption(ctx: ProviderContext, recipes: readonly Recipe[], request: AdoptRequest, records: readonly DeploymentRecord[], now: string): Promise<AdoptionProposal> {
  const node = await readNodeName(ctx.runner);
  const found = await discoverLxcContainers(ctx.runner, records);
  const ct = found.find((c) => c.name === request.name);
  if (!ct) throw await notFound(ctx, node, request.name, found, records);
  const name = request.deployment ?? ct.name;
  if (!DEPLOYMENT_NAME.test(name)) throw new UserError(`"${name}" cannot be a deployment name: lower-case letters, digits and -, at most 63`, 'give one with --name (the container keeps its own hostname)');
  if (records.some((r) => r.name === name)) throw new UserError(`a deployment named "${name}" already exists on ${ctx.hostName}`, 'give another with --name');
  const config = parseContainerConfig((await pveshRead(ctx.runner, pvePaths.containerConfig(node, ct.vmid))).stdout);
  const fp = lxcFingerprint(ct.vmid, config);
  const match = matchLxcRecipe(recipes, fp, request.app);
  const { recipe } = match;
  const state = parseContainerState((await pveshRead(ctx.runner, pvePaths.containerStatus(node, ct.vmid))).stdout);
  const inside = state.status === 'running' ? await guestFacts(ctx.runner, ct.vmid, match) : { evidence: {}, notes: [`CT ${ct.vmid} is stopped: what runs inside was not read`] };
  const newest = recipe.versions[0] ?? '';
  const version = inside.version ?? newest;
  const versionNote = inside.version
    ? recipe.versions.includes(inside.version) ? [] : [`version ${inside.version} (dpkg-query) is not one the recipe lists (${recipe.versions.join(', ')}); update offers those`]
    : [`version ${newest} is assumed (the recipe's newest): nothing cheap in the container tells it`];
  const address = addressOf(fp.network?.ip ?? 'dhcp');
  const probe = probeOf(recipe, address, match.answers);
  const service = recipe['proxmox-lxc']?.service.name ?? recipe.id;
  const record = deploymentRecordSchema.parse({
    schema: RECORD_SCHEMA,
    name,
    app: recipe.id,
    version,
    provider: 'proxmox-lxc',
    host: ctx.hostName,
    createdAt: now,
    updatedAt: now,
    answers: match.answers,
    secretKeys: [],
    refs: { vmid: ct.vmid, node, hostname: fp.hostname, address, service },
    urls: probe && address !== 'dhcp' && probe.kind === 'http' ? [`http://${address}:${probe.port}/`] : [],
    ...(probe ? { probe } : {}),
    ...(match.data.length > 0 ? dataFields(match.data) : {}),
    releases: [{ version, at: now, result: 'adopted' }],
  });
  const workload = describeContainer(ct, ctx.hostName);
  return {
    workload,
    record,
    recipe: { id: recipe.id, name: recipe.name },
    services: { [service]: fp.hostname },
    evidence: { ...match.evidence, ...inside.evidence, recipe: `matched by ${match.matchedBy}` },
    notes: [...versionNote, ...match.notes, ...inside.notes],
  };
}
