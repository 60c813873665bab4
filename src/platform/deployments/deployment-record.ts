import { z } from 'zod';
import { PROVIDERS } from '../recipe/provider-ids.js';


const release = z.looseObject({
  version: z.string(),
  at: z.string(),
  /** The image or package that version ran, for rollback. */
  artifact: z.string().optional(),
  /** How an update to it ended (absent: the install): `succeeded` or `rolled-back`. */
  result: z.string().optional(),
  /** The version it was updated from. */
  from: z.string().optional(),
  /** Image digests (or ids) per service, where the engine gives them. */
  digests: z.record(z.string(), z.string()).optional(),
  /** The pre-update backup on the host, for `rollback`. */
  backup: z.string().optional(),
  /** The pre-update dump of the app's database server on the host, for `rollback`. */
  dump: z.string().optional(),
});

/**
 * How status probes the app, from the host the deployment runs on: `address` as that host reaches
 * the app (127.0.0.1 for a published compose port, the guest's address for LXC).
 */
export const recordProbeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('http'),
    address: z.string(),
    port: z.number().int(),
    path: z.string(),
    expectStatus: z.number().int(),
    bodyContains: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('tcp'), address: z.string(), port: z.number().int() }),
]);

export type RecordProbe = z.output<typeof recordProbeSchema>;

/** Who runs an operation: shown when another admin is refused, and to judge a lock stale. */
export const operationHolderSchema = z.object({
  user: z.string(),
  machine: z.string(),
  pid: z.number().int(),
  tool: z.string(),
});

export type OperationHolder = z.output<typeof operationHolderSchema>;

/**
 * The journal of an operation on its target: its steps and how far each got, so the next command
 * (any admin's) can list it as interrupted, undo what was done, or resume it.
 */
export const operationJournalSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  startedAt: z.string(),
  by: operationHolderSchema,
  /** `host`: the other inventory host a step changed (the managed reverse proxy's site), when not this one. */
  steps: z.array(z.looseObject({ id: z.string(), title: z.string(), state: z.enum(['pending', 'running', 'done']), host: z.string().optional() })),
});

export type OperationJournal = z.output<typeof operationJournalSchema>;

/**
 * One host path holding the deployment's own data. `created`: this deployment made the folder (only
 * then may `uninstall --purge` remove it); `root`: the topmost folder its creation added (removed too
 * when empty). Paths a recipe marks shared (media, downloads) are never listed.
 */
export const dataEntrySchema = z.looseObject({
  path: z.string(),
  created: z.boolean(),
  root: z.string().optional(),
  /** Where the app sees it, when that differs (the path in a Proxmox container it is bind-mounted at). */
  mount: z.string().optional(),
});

export type DataEntry = z.output<typeof dataEntrySchema>;

/** The record format this build writes. */
export const RECORD_SCHEMA = 2;

/** A deployment's name: lower-case letters, digits and inner hyphens, at most 63 (a DNS label, so it can name a project, a namespace, a host). */
export const DEPLOYMENT_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * What was installed where. The copy on the target host is the source of truth (any admin's tool finds
 * it); the local one is a cache. It never holds secrets: only which answers were secret.
 */
export const deploymentRecordSchema = z.looseObject({
  /** The record format's version; a newer tool may add fields, which an older one keeps and ignores. */
  schema: z.number().int().min(1),
  name: z.string().regex(DEPLOYMENT_NAME),
  app: z.string(),
  version: z.string(),
  provider: z.enum(PROVIDERS),
  /** The inventory host name it was installed through (informational: hosts may be renamed). */
  host: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Answers without secrets. */
  answers: z.record(z.string(), z.unknown()),
  /** Keys of the answers that were secrets; their values stay on the target (.env, container config). */
  secretKeys: z.array(z.string()).default([]),
  /** Provider references: compose project and directory, LXC vmid and node, k3s namespace… */
  refs: z.record(z.string(), z.union([z.string(), z.number()])),
  urls: z.array(z.string()).default([]),
  /** Written by older builds (and still, with the created folders, for them): read through `ownedData`. */
  dataPaths: z.array(z.string()).optional(),
  /** Every host path holding the app's own data, and whether this deployment created it (see `ownedData`). */
  data: z.array(dataEntrySchema).optional(),
  probe: recordProbeSchema.optional(),
  releases: z.array(release).default([]),
  lastBackup: z.strictObject({ at: z.string(), path: z.string() }).optional(),
  /** The operation in flight, or interrupted: written before its first change, cleared when it ends. */
  operation: operationJournalSchema.optional(),
});

export type DeploymentRecord = z.output<typeof deploymentRecordSchema>;
