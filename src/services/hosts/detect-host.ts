import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../platform/clock.js';
import { writeFileAtomic } from '../../platform/config/atomic-write.js';
import { detectedHostSchema, type DetectedHost, type HostFacts } from '../../platform/hosts/host-facts.js';

// The facts cache on disk under the state cache dir; the host facts service (host-facts-service.ts) keeps it.

/** The cache file of one host's facts under the state cache dir. */
export function factsCacheFile(cacheDir: string, host: string): string {
  return join(cacheDir, 'hosts', `${host}.json`);
}

/** Stores facts with the time they were gathered (atomic write). */
export async function writeCachedFacts(cacheDir: string, host: string, facts: HostFacts, clock: Clock): Promise<DetectedHost> {
  const entry: DetectedHost = { host, detectedAt: new Date(clock.now()).toISOString(), facts };
  await writeFileAtomic(factsCacheFile(cacheDir, host), `${JSON.stringify(entry, null, 2)}\n`, 0o600);
  return entry;
}

/** Cached facts no older than `maxAgeMs`; undefined when absent, unreadable or stale. */
export async function readCachedFacts(cacheDir: string, host: string, maxAgeMs: number, clock: Clock): Promise<DetectedHost | undefined> {
  let text: string;
  try {
    text = await readFile(factsCacheFile(cacheDir, host), 'utf8');
  } catch {
    return undefined;
  }
  // A corrupt or outdated cache only means detecting again.
  const parsed = detectedHostSchema.safeParse(safeJson(text));
  if (!parsed.success || parsed.data.host !== host) return undefined;
  const age = clock.now() - Date.parse(parsed.data.detectedAt);
  return age >= 0 && age <= maxAgeMs ? parsed.data : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
