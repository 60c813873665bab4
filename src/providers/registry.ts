import type { Settings } from '../platform/config/settings.js';
import { UserError } from '../platform/errors.js';
import type { HostFacts } from '../platform/hosts/host-facts.js';
import { PROVIDER_LABELS, PROVIDERS, type ProviderId } from '../platform/recipe/provider-ids.js';
import { composeModule } from './compose/module.js';
import { k3sModule } from './k3s/module.js';
import { HOST_OPERATIONS, NOT_IN_THIS_VERSION, type DiskFree, type HostOperation, type Support } from './provider.js';
import type { ProviderEntry, ProviderModule } from './provider-module.js';
import { refsProblem } from './refs.js';
import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import { proxmoxLxcModule } from './proxmox-lxc/module.js';

export type { ProviderId };
export type { BoundInstall, ProviderEntry, RenderedInputs } from './provider-module.js';
export { isReconfigurable, type FileChange, type ReconfigureProposal } from './reconfigure.js';

/**
 * Every provider, one line each: its module (`src/providers/<id>/module.ts`) says what it can do on a
 * host, the schema of its refs, and how to create it. Adding a provider is its folder and one line here
 * (its id is already in PROVIDERS when recipes have a section for it).
 */
const MODULES: { readonly [K in ProviderId]: ProviderModule } = {
  compose: composeModule,
  'proxmox-lxc': proxmoxLxcModule,
  k3s: k3sModule,
};

/** The providers this build can create, in the catalog's order. */
export const IMPLEMENTED: readonly ProviderId[] = PROVIDERS.filter((id) => MODULES[id].create !== undefined);

/**
 * What provider `id` can do on a host with these facts, each operation available or why not; a
 * provider this build cannot create (or, in tests, one left out of `implemented`) offers nothing.
 */
export function providerSupports(id: ProviderId, facts: HostFacts, implemented: readonly ProviderId[] = IMPLEMENTED): Record<HostOperation, Support> {
  if (!implemented.includes(id)) return Object.fromEntries(HOST_OPERATIONS.map((op) => [op, { ok: false, reason: NOT_IN_THIS_VERSION }])) as Record<HostOperation, Support>;
  return MODULES[id].detection.supports(facts);
}

/** What is wrong with a record's refs under its provider's schema, or undefined (also when the provider declares none). */
export function recordRefsProblem(record: DeploymentRecord): { message: string; hint: string } | undefined {
  const schema = MODULES[record.provider].refs;
  return schema ? refsProblem(schema, record) : undefined;
}

/** Whether the host runs provider `id`'s platform: what was found, or why not (whether or not this build can use it). */
export function detectProvider(id: ProviderId, facts: HostFacts): Support {
  return MODULES[id].detection.detect(facts);
}

/**
 * What the providers know without being created: what they find and can do on a host, from its
 * facts (the wizard's provider and host lists), and whether a record's refs are theirs.
 */
export interface ProviderDetector {
  /** What a provider can do on a host (see providerSupports). */
  supports(id: ProviderId, facts: HostFacts): Record<HostOperation, Support>;
  /** Whether the host runs a provider's platform (see detectProvider). */
  detect(id: ProviderId, facts: HostFacts): Support;
  /** The free space a provider's disk sizes draw on, when it has one to show. */
  diskFree(id: ProviderId, facts: HostFacts): DiskFree | undefined;
  /** What is wrong with a record's refs under its provider's schema (naming the deployment and field), or undefined. */
  refsProblem(record: DeploymentRecord): { message: string; hint: string } | undefined;
}

/** The detector of this build's providers (`implemented` narrows it in tests). */
export function providerDetector(implemented: readonly ProviderId[] = IMPLEMENTED): ProviderDetector {
  return { supports: (id, facts) => providerSupports(id, facts, implemented), detect: detectProvider, diskFree: (id, facts) => MODULES[id].detection.diskFree?.(facts), refsProblem: recordRefsProblem };
}

/** The providers this build can use, by id; the pipeline, the CLI and the wizard find them here. */
export interface ProviderRegistry extends ProviderDetector {
  readonly ids: readonly ProviderId[];
  /** The entry for a provider, or a UserError naming the ones there are. */
  entry(id: ProviderId): ProviderEntry;
}

export function createProviderRegistry(settings: Settings): ProviderRegistry {
  const entries = new Map<ProviderId, ProviderEntry>();
  const ids = IMPLEMENTED;
  return {
    ids,
    entry(id) {
      const cached = entries.get(id);
      if (cached) return cached;
      const create = MODULES[id].create;
      if (!create) throw new UserError(`the ${PROVIDER_LABELS[id]} provider (${id}) is ${NOT_IN_THIS_VERSION}`, `available: ${ids.join(', ')}`);
      const entry = create(settings);
      entries.set(id, entry);
      return entry;
    },
    ...providerDetector(ids),
  };
}
