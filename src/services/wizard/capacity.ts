import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import type { Question } from '../../platform/recipe/question-schema.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';

/**
 * The host's capacity to show beside a resource field, from its last check: cores, free memory,
 * and for a container's disk the free space on the node's `/` (preflight checks the storage itself).
 */
export function capacityBeside(question: Question, facts: HostFacts | undefined, provider: ProviderId): string | undefined {
  if (!facts) return undefined;
  switch (question.type) {
    case 'cores':
      return facts.cores !== undefined ? `the host has ${facts.cores} core${facts.cores === 1 ? '' : 's'}` : undefined;
    case 'memory':
      return facts.memory ? `${bytesText(facts.memory.availableBytes)} free of ${bytesText(facts.memory.totalBytes)}` : undefined;
    case 'size':
      return provider === 'proxmox-lxc' && facts.disk ? `${bytesText(facts.disk.availableBytes)} free on ${facts.disk.path}` : undefined;
    default:
      return undefined;
  }
}

/** Bytes for people: GiB with one decimal, MiB below 1 GiB. */
export function bytesText(bytes: number): string {
  const gib = bytes / 2 ** 30;
  return gib >= 1 ? `${gib.toFixed(1)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;
}
