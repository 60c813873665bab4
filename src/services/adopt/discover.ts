import type { Clock } from '../../platform/clock.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { isAdoptable, isDiscoverable, type Adoptable, type AdoptionProposal, type AdoptRequest, type ProviderContext, type UnmanagedWorkload } from '../../providers/provider.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { HostHandle } from '../lifecycle/host-access.js';
import type { AnswerValue } from '../../platform/recipe/answer-value.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import { requireComplete, resolveAnswers } from '../answers/resolve.js';

function contextOf(handle: HostHandle, clock: Clock): ProviderContext {
  return { runner: handle.runner, hostName: handle.name, hostAddress: handle.address, clock, ...(handle.facts ? { facts: handle.facts } : {}) };
}

/**
 * Discovery's view of the host: facts an earlier run left (within their TTL) before a new probe. A
 * status run would otherwise probe the host each time for this alone, and a stale answer only means
 * a platform installed in the last minutes is listed on the next probe.
 */
function discoveryContext(handle: HostHandle, clock: Clock): ProviderContext {
  const { facts, recentFacts } = handle;
  if (!facts || !recentFacts) return contextOf(handle, clock);
  let chosen: Promise<HostFacts> | undefined;
  const preferRecent = (): Promise<HostFacts> => (chosen ??= recentFacts().then((recent) => recent ?? facts()));
  return { ...contextOf(handle, clock), facts: preferRecent };
}

/**
 * What runs on the host with no record, from every provider whose platform the host runs (compose
 * projects, a Proxmox node's containers, a k3s cluster's workloads). Reads only; nothing on the host
 * changes. A provider that does not answer gives nothing (discovery never fails a status).
 */
export async function discoverUnmanaged(registry: ProviderRegistry, handle: HostHandle, records: readonly DeploymentRecord[], clock: Clock): Promise<UnmanagedWorkload[]> {
  const ctx = discoveryContext(handle, clock);
  const facts = ctx.facts ? await ctx.facts().catch(() => undefined) : undefined;
  if (!facts) return [];
  const found = await Promise.all(
    registry.ids
      .filter((id) => registry.detect(id, facts).ok)
      .map(async (id) => {
        const provider = registry.entry(id).provider;
        return isDiscoverable(provider) ? provider.discover(ctx, records).catch(() => []) : [];
      }),
  );
  return found.flat();
}

/**
 * Proposes the record for something that runs with no record (see `adopt`): the provider that finds
 * it and can adopt it fingerprints it and matches a recipe. Changes nothing on the host.
 */
export async function planAdoption(registry: ProviderRegistry, handle: HostHandle, recipes: readonly Recipe[], request: AdoptRequest, records: readonly DeploymentRecord[], clock: Clock): Promise<AdoptionProposal> {
  const unmanaged = await discoverUnmanaged(registry, handle, records, clock);
  const workload = unmanaged.find((w) => w.name === request.name);
  const provider = workload ? registry.entry(workload.provider).provider : undefined;
  if (workload && provider && !isAdoptable(provider)) throw new UserError(`${workload.name} on ${handle.name} is not adoptable: ${workload.hint}`, 'it stays listed as unmanaged');
  // Not found among the unmanaged: the first adopting provider whose platform the host runs says why
  // (already managed, on another node, the names it has); a Proxmox node is not asked about compose.
  const facts = handle.facts ? await handle.facts().catch(() => undefined) : undefined;
  const adopters = registry.ids.filter((id) => isAdoptable(registry.entry(id).provider));
  const running = facts ? adopters.filter((id) => registry.detect(id, facts).ok) : [];
  const ownForm = running.find((id) => (registry.entry(id).provider as Partial<Adoptable>).namesOwnForm?.(request.name) === true);
  const fallback = ownForm ?? running[0] ?? adopters[0];
  const adopter = provider ?? (fallback ? registry.entry(fallback).provider : undefined);
  if (!adopter || !isAdoptable(adopter)) throw new UserError(`nothing on ${handle.name} can be adopted in this version`, 'status lists what runs there with no record');
  const proposal = await adopter.planAdoption(contextOf(handle, clock), recipes, request, records, new Date(clock.now()).toISOString());
  return withGivenAnswers(proposal, recipes, request.sets ?? []);
}

/**
 * The proposal with the answers given by `--set`, refused like install refuses them when a required
 * answer is neither read nor given nor defaulted: a record missing one could not be reconfigured.
 * Secrets are not taken (a record holds none; they stay where the app keeps them).
 */
function withGivenAnswers(proposal: AdoptionProposal, recipes: readonly Recipe[], sets: readonly string[]): AdoptionProposal {
  const { record } = proposal;
  const recipe = recipes.find((r) => r.id === record.app);
  if (!recipe) return proposal;
  const saved = { source: `what ${proposal.workload.name} runs`, values: record.answers as Record<string, AnswerValue> };
  const resolved = resolveAnswers(recipe, record.provider as ProviderId, { sets, saved }, { name: record.name, generateSecrets: false });
  const given = Object.keys(resolved.origins).filter((id) => resolved.origins[id] === 'set');
  const secret = given.find((id) => resolved.questions.find((q) => q.id === id)?.type === 'secret');
  if (secret) throw new UserError(`--set ${secret}: adopt does not take secrets (a record holds none)`, 'drop it: the app keeps its own secret where it runs');
  requireComplete(resolved);
  // The active secrets stand as kept on the host (as install records them), so a reconfigure renders them as placeholders.
  const generated = resolveAnswers(recipe, record.provider as ProviderId, { sets, saved }, { name: record.name, generateSecrets: true });
  const secretKeys = [...new Set([...record.secretKeys, ...Object.keys(generated.origins).filter((id) => generated.origins[id] === 'generated')])];
  const answers = { ...record.answers, ...Object.fromEntries(given.map((id) => [id, resolved.answers[id]])) };
  const added = secretKeys.filter((id) => !record.secretKeys.includes(id));
  return {
    ...proposal,
    record: { ...record, answers, secretKeys },
    evidence: { ...proposal.evidence, ...Object.fromEntries(given.map((id) => [id, 'given with --set'])) },
    notes: [...proposal.notes, ...(added.length ? [`secrets not read (they stay where the app keeps them): ${added.join(', ')}`] : [])],
  };
}
