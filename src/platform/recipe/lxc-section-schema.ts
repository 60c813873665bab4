import { z } from 'zod';
import { conditionSchema } from './condition.js';
import { backupSchema, envSchema } from './section-schema.js';

const when = conditionSchema.optional();
const sizeText = z.string().regex(/^\d+[KMGT]$/, 'a size such as 512M or 8G');

/**
 * One install step, run as root inside the container with `sh -e` (through `pct exec`). Answers reach
 * the script only as environment variables from `env`; the script text itself takes no placeholders,
 * so no answer is ever parsed by a shell.
 */
const stepSchema = z.strictObject({
  name: z.string().min(1),
  run: z.string().min(1).refine((s) => !s.includes('{{'), 'install steps take answers through env: use "$NAME" in the script, not {{ }}'),
  env: envSchema,
  when,
});

/**
 * How the service starts on boot. `packaged: true`: the installed package ships the systemd unit; it is
 * enabled, and `env` reaches it through a drop-in. Otherwise homelab-tui writes a systemd unit, or an
 * /etc/init.d script for guests without systemd, that runs `command` (in the foreground) as `user`.
 */
const serviceSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
    packaged: z.boolean().default(false),
    command: z.array(z.string()).min(1).optional(),
    user: z.string().optional(),
    workingDir: z.string().startsWith('/').optional(),
    env: envSchema,
  })
  .refine((s) => s.packaged !== (s.command !== undefined), 'give either packaged: true or a command, not both');

export const lxcSectionSchema = z.strictObject({
  /** What the steps expect in the guest: `debian` (apt, systemd) or `any` (POSIX sh only). */
  os: z.enum(['debian', 'any']).default('debian'),
  /** Whether the steps download anything (preflight checks the guest can reach the internet). */
  needsInternet: z.boolean().default(true),
  unprivileged: z.boolean().default(true),
  /** Docker or systemd features inside the guest need the `nesting=1` feature. */
  nesting: z.boolean().default(false),
  /** Defaults for the container's cores, memory and root disk questions. */
  resources: z.strictObject({ cores: z.number().int().min(1), memory: sizeText, disk: sizeText }),
  ports: z.array(z.strictObject({ name: z.string(), port: z.union([z.string(), z.number()]), protocol: z.enum(['tcp', 'udp']).default('tcp'), when })).default([]),
  /** Host directories bind-mounted into the guest (`mpN`); `forEach` makes one per item of a list question ({{ item }}). */
  mounts: z
    .array(z.strictObject({ source: z.string(), target: z.string(), readOnly: z.boolean().default(false), forEach: z.string().optional(), when }))
    .default([]),
  steps: z.array(stepSchema).min(1),
  service: serviceSchema,
  backup: backupSchema,
  /** The Debian package the app comes from: status shows its installed version (dpkg-query in the guest). */
  package: z.string().regex(/^[a-z0-9][a-z0-9+.-]+$/, 'a Debian package name such as qbittorrent-nox').optional(),
  /**
   * A script run in the guest once the app answers, whose output tells the first login (a documented
   * default, or a temporary password the app printed on its first start). No placeholders, like steps.
   */
  firstLogin: z.string().min(1).refine((s) => !s.includes('{{'), 'firstLogin takes no {{ }} placeholders').optional(),
});

export type LxcSection = z.output<typeof lxcSectionSchema>;
export type LxcStepSpec = LxcSection['steps'][number];
