/**
 * Reads shared by every deployment of one host reading (one `status` run, one dashboard refresh):
 * the first deployment to ask for a key starts the read, every other one gets the same answer (or
 * the same failure). A provider keeps its host-wide reads here (k3s: one `kubectl get` of every
 * workload), so 50 deployments cost one read, however slowly the host answers; a time window
 * instead made each batch of the host's concurrent reads that started after it closed read again.
 */
export interface ReadingScope {
  shared<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** A new scope; it lives as long as the reading that made it. */
export function createReadingScope(): ReadingScope {
  const reads = new Map<string, Promise<unknown>>();
  return {
    shared<T>(key: string, read: () => Promise<T>): Promise<T> {
      let entry = reads.get(key);
      if (!entry) {
        entry = read();
        // A failure is the reading's answer for every deployment; the next reading asks again.
        entry.catch(() => undefined);
        reads.set(key, entry);
      }
      return entry as Promise<T>;
    },
  };
}
