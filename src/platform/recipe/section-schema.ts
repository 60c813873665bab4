import { z } from 'zod';
import { cased } from './cases.js';
import { conditionSchema } from './condition.js';

// Building blocks of the provider sections. Strings may hold {{ placeholders }} (see template.ts);
// numbers may be written plainly or as a placeholder that renders to a number.

const when = conditionSchema.optional();
const scalarTemplate = z.union([z.string(), z.number(), z.boolean()]);
const name = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'lower-case letters, digits and -, starting with a letter');
const absolute = z.string().regex(/^\/[^\0]*$/, 'an absolute path');

/** Environment variables: NAME → value template, or alternatives `[{value, when}]`; an entry with no matching alternative is left out. */
export const envSchema = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), cased(scalarTemplate)).default({});

/** A port the app listens on, named so health probes and ingresses can refer to it. */
export const containerPortSchema = z.strictObject({
  name,
  /** Written plainly, or as a placeholder for images whose internal port follows a setting (LinuxServer's WEBUI_PORT). */
  container: z.union([z.number().int().min(1).max(65535), z.string()]),
  /** The host port to publish on (compose); absent keeps the port internal to the deployment. */
  host: scalarTemplate.optional(),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  when,
});

/**
 * A directory mounted into a container. `kind` says what it holds: `data` (the app's own state:
 * backed up; a PVC on k3s), `cache` (rebuildable: not backed up; a PVC on k3s) or `shared` (a host
 * directory other apps use too, such as a media library or downloads: a bind/hostPath everywhere).
 */
export const volumeSchema = z.strictObject({
  name,
  /** The path inside the container; a placeholder only with `forEach` (to mount each path at the same place). */
  target: z.string(),
  /** The host directory: required for compose (a bind mount) and for `shared` volumes (k3s hostPath). */
  source: z.string().optional(),
  /** One volume per item of a list question, as {{ item }}; their names get -1, -2, … appended. */
  forEach: z.string().optional(),
  kind: z.enum(['data', 'cache', 'shared']).default('data'),
  readOnly: z.boolean().default(false),
  /** PVC size on k3s for data and cache volumes. */
  size: z.string().regex(/^\d+[KMGT]$/).default('1G'),
  /** uid[:gid] that must own the directory before start (the image runs as that user). */
  owner: z.string().optional(),
  when,
});

/** A directory to create inside a volume before the first start; `forEach` repeats it per list item as {{ item }}. */
export const dirSchema = z.strictObject({ volume: name, path: z.string(), forEach: z.string().optional(), when });

/** A file to seed inside a volume before the first start (a config the image does not take from env). */
export const seedFileSchema = z.strictObject({
  volume: name,
  path: z.string().regex(/^[^/]/, 'a path relative to the volume'),
  content: z.string(),
  mode: z.string().regex(/^0[0-7]{3}$/).default('0644'),
  /** Keep the file when it exists, so the app's own later changes survive reinstalls. */
  onlyIfAbsent: z.boolean().default(true),
  when,
});

/** One container: the app itself (the first) or a companion (a database, Komf). */
export const serviceSchema = z.strictObject({
  name,
  image: cased(z.string()),
  when,
  command: z.array(z.string()).optional(),
  /** uid[:gid] the container runs as. */
  user: z.string().optional(),
  env: envSchema,
  ports: z.array(containerPortSchema).default([]),
  volumes: z.array(volumeSchema).default([]),
  /** Services that must start first; inactive ones are dropped. */
  dependsOn: z.array(name).default([]),
  dirs: z.array(dirSchema).default([]),
  files: z.array(seedFileSchema).default([]),
  /**
   * The container's own health command in exec form (no shell), or `none`. Absent, compose derives one
   * for the probed service from the recipe's probe (wget or curl inside the image) and gives companions none.
   */
  healthcheck: cased(z.union([z.array(z.string()).min(1), z.literal('none')])).optional(),
});

/** A database the backup dumps: a SQLite file, or a server reached with these settings. */
const dumpSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sqlite'), file: absolute, service: name.optional(), when }),
  z.strictObject({
    kind: z.enum(['postgres', 'mysql']),
    /** The companion service running the database, when it is part of the deployment. */
    service: name.optional(),
    host: z.string(),
    port: scalarTemplate,
    database: z.string(),
    user: z.string(),
    password: z.string(),
    when,
  }),
]);

/** What a backup holds: at most one database dump (the first whose `when` holds) and data paths. */
export const backupSchema = z
  .strictObject({
    database: z.array(dumpSchema).default([]),
    /** Paths inside the container (compose, k3s) or the guest (LXC). */
    paths: z.array(z.strictObject({ path: absolute, service: name.optional(), when })).default([]),
  })
  .default({ database: [], paths: [] });

/**
 * An app that prints its first login in its log (qBittorrent's temporary WebUI password): the text that
 * comes before the value on that line, and the messages shown after install with the value or without.
 */
export const logFirstLoginSchema = z.strictObject({
  service: name,
  before: z.string().min(8),
  message: z.string().min(1).refine((s) => s.includes('{value}'), 'message must hold {value}, where the value from the log goes'),
  otherwise: z.string().min(1),
});

export const composeSectionSchema = z.strictObject({ services: z.array(serviceSchema).min(1), backup: backupSchema, firstLogin: logFirstLoginSchema.optional() });

export const k3sSectionSchema = z.strictObject({
  services: z.array(serviceSchema).min(1),
  backup: backupSchema,
  /** The named port an Ingress routes to when the user gives a host name. */
  ingressPort: name.optional(),
  /**
   * The CPU architectures (`kubernetes.io/arch`) the section's images are built for, when not every
   * one: the workloads are pinned to such nodes, and an install is refused when the cluster has none.
   */
  architectures: z.array(z.enum(['amd64', 'arm64', 'arm', 'ppc64le', 's390x', 'riscv64'])).min(1).optional(),
});

/** A health probe on a named port of the main service (or of `service`). */
export const healthSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('http'),
    port: name,
    path: z.string().startsWith('/'),
    status: z.number().int().min(100).max(599).default(200),
    /** A substring the body must contain. */
    body: z.string().optional(),
    service: name.optional(),
  }),
  z.strictObject({ kind: z.literal('tcp'), port: name, service: name.optional() }),
]);

export type ServiceSpec = z.output<typeof serviceSchema>;
export type VolumeSpec = z.output<typeof volumeSchema>;
export type BackupSpec = z.output<typeof backupSchema>;
export type HealthSpec = z.output<typeof healthSchema>;
export type ComposeSection = z.output<typeof composeSectionSchema>;
export type K3sSection = z.output<typeof k3sSectionSchema>;
