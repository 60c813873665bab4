import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../platform/config/atomic-write.js';
import { deploymentRecordSchema, type DeploymentRecord } from '../../platform/deployments/deployment-record.js';

// The local copy of each host's records: the truth is on the hosts, this only says where to look
// (logs NAME without --host) and what an unreachable host had.
const cacheFileSchema = z.object({ host: z.string(), at: z.string(), records: z.array(deploymentRecordSchema) });

function fileOf(cacheDir: string, host: string): string {
  return join(cacheDir, 'deployments', `${host}.json`);
}

/** Replaces the cached records of one host with what it just said. */
export async function cacheHostRecords(cacheDir: string, host: string, records: readonly DeploymentRecord[], now: Date): Promise<void> {
  await writeFileAtomic(fileOf(cacheDir, host), `${JSON.stringify({ host, at: now.toISOString(), records })}\n`, 0o600);
}

/** Adds or replaces one record in its host's cache (after an install). */
export async function cacheRecord(cacheDir: string, record: DeploymentRecord, now: Date): Promise<void> {
  const cached = await readHostCache(cacheDir, record.host);
  await cacheHostRecords(cacheDir, record.host, [...(cached?.records ?? []).filter((r) => r.name !== record.name), record], now);
}

/** Drops one record from its host's cache (after an uninstall). */
export async function uncacheRecord(cacheDir: string, host: string, name: string, now: Date): Promise<void> {
  const cached = await readHostCache(cacheDir, host);
  if (cached) await cacheHostRecords(cacheDir, host, cached.records.filter((r) => r.name !== name), now);
}

/** One host's cached records and when they were read; undefined when absent or unreadable. */
export async function readHostCache(cacheDir: string, host: string): Promise<{ at: string; records: DeploymentRecord[] } | undefined> {
  try {
    const parsed = cacheFileSchema.safeParse(JSON.parse(await readFile(fileOf(cacheDir, host), 'utf8')));
    return parsed.success && parsed.data.host === host ? { at: parsed.data.at, records: parsed.data.records } : undefined;
  } catch {
    // A missing or corrupt cache only means asking the hosts.
    return undefined;
  }
}

/** Every record the cache holds, across hosts: what the dashboard lists before any host answers. */
export async function cachedDeployments(cacheDir: string): Promise<DeploymentRecord[]> {
  const files = await readdir(join(cacheDir, 'deployments')).catch(() => [] as string[]);
  const caches = await Promise.all(files.filter((f) => f.endsWith('.json')).map((f) => readHostCache(cacheDir, f.slice(0, -'.json'.length))));
  return caches.flatMap((cache) => cache?.records ?? []);
}
