import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import type { ProviderId } from '../platform/recipe/provider-ids.js';
import type { Recipe } from '../platform/recipe/recipe-schema.js';
import type { Provider, ProviderContext } from './provider.js';

/** Something running on a host that homelab-tui has no record of: listed as `unmanaged`, maybe adoptable. */
export interface UnmanagedWorkload {
  /** The name `adopt` takes: the compose project, the container's hostname, NAMESPACE/NAME on k3s. */
  name: string;
  provider: ProviderId;
  /** In words: "compose project (docker): 1/1 running, local/labapp:1", "LXC CT 120 (running)". */
  summary: string;
  /** The command that adopts it, or why it cannot be adopted yet. */
  hint: string;
}

/** Can find what runs on a host with no record. Reads only; a part that does not answer gives nothing. */
export interface Discoverable {
  discover(ctx: ProviderContext, records: readonly DeploymentRecord[]): Promise<UnmanagedWorkload[]>;
}

/** What an adoption found and the record it writes: nothing else on the host changes. */
export interface AdoptionProposal {
  workload: UnmanagedWorkload;
  record: DeploymentRecord;
  /** The recipe's name and id. */
  recipe: { id: string; name: string };
  /** The recipe's services → the workload's own names for them. */
  services: Record<string, string>;
  /** Each answer read from what runs, with what it was read from. */
  evidence: Record<string, string>;
  /** What did not fit (a version the recipe does not list, a service with no container). */
  notes: string[];
}

export interface AdoptRequest {
  name: string;
  app?: string;
  deployment?: string;
  /** `--set KEY=VALUE`: answers nothing running tells (a public URL), checked like install's. */
  sets?: readonly string[];
}

/** Can take over something it discovered: fingerprint it, match a recipe, propose a record. */
export interface Adoptable {
  planAdoption(ctx: ProviderContext, recipes: readonly Recipe[], request: AdoptRequest, records: readonly DeploymentRecord[], now: string): Promise<AdoptionProposal>;
  /** Whether NAME has the form only this provider's workloads take (k3s: NAMESPACE/NAME), so it says why one is not found. */
  namesOwnForm?(name: string): boolean;
}

export function isDiscoverable(provider: Provider): provider is Provider & Discoverable {
  return typeof (provider as Partial<Discoverable>).discover === 'function';
}

export function isAdoptable(provider: Provider): provider is Provider & Adoptable {
  return typeof (provider as Partial<Adoptable>).planAdoption === 'function';
}
