import type { Question } from '../../platform/recipe/question-schema.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { DiskFree } from '../../providers/provider.js';

/**
 * The host's capacity to show beside a resource field, from its last check: cores, free memory,
 * and for a size the free space the provider says its disks draw on (`diskFree`, from the registry).
 */
export function capacityBeside(question: Question, facts: HostFacts | undefined, diskFree?: (facts: HostFacts) => DiskFree | undefined): string | undefined {
  if (!facts) return undefined;
  switch (question.type) {
    case 'cores':
      return facts.cores !== undefined ? `the host has ${facts.cores} core${facts.cores === 1 ? '' : 's'}` : undefined;
    case 'memory':
      return facts.memory ? `${bytesText(facts.memory.availableBytes)} free of ${bytesText(facts.memory.totalBytes)}` : undefined;
    case 'size': {
      const disk = diskFree?.(facts);
      return disk ? `${bytesText(disk.availableBytes)} free on ${disk.path}` : undefined;
    }
    default:
      return undefined;
  }
}

/** Bytes for people: GiB with one decimal, MiB below 1 GiB. */
export function bytesText(bytes: number): string {
  const gib = bytes / 2 ** 30;
  return gib >= 1 ? `${gib.toFixed(1)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;
}
