import { z } from 'zod';

/** The compose front ends a container host may have, in the order homelab-tui prefers them. */
export const composeFlavours = ['docker compose', 'docker-compose', 'podman compose', 'podman-compose'] as const;
/** One of composeFlavours. */
export type ComposeFlavour = (typeof composeFlavours)[number];

/** The container engines compose flavours drive; status, logs and health go to them directly. */
export const containerEngines = ['docker', 'podman'] as const;
export type ContainerEngine = (typeof containerEngines)[number];

/** The engine each compose flavour drives. */
export const ENGINE_OF: Record<ComposeFlavour, ContainerEngine> = {
  'docker compose': 'docker',
  'docker-compose': 'docker',
  'podman compose': 'podman',
  'podman-compose': 'podman',
};

const composeToolSchema = z.object({
  flavour: z.enum(composeFlavours),
  engine: z.enum(containerEngines),
  /** As the tool prints it, e.g. `2.24.5` or `1.29.2`; `unknown` when a program on PATH would not say. */
  version: z.string(),
  /** The argv prefix that runs it: `['docker', 'compose']`, `['podman-compose']`. */
  argv: z.array(z.string()),
});

/** One compose tool found on a host and how to call it: the one type of it (host facts and the compose provider). */
export type ComposeTool = z.output<typeof composeToolSchema>;

const toolSchema = z.object({
  path: z.string(),
  version: z.string().optional(),
  /** mtime.size of the program file: while it is unchanged, the next probe reuses `version`. */
  stamp: z.string().optional(),
});

/** A program found on PATH, with its version when it could tell. */
export type ToolInfo = z.output<typeof toolSchema>;

const traefikSchema = z.object({ container: z.string(), image: z.string(), networks: z.array(z.string()) });

/** A running Traefik container: its labels route to apps on its networks. */
export type TraefikFacts = z.output<typeof traefikSchema>;

/** Schema of HostFacts; the cache is checked with it when read back. */
export const hostFactsSchema = z.object({
  os: z.object({ id: z.string(), version: z.string(), name: z.string() }),
  kernel: z.string(),
  /** `uname -m`: x86_64, aarch64, armv7l… */
  arch: z.string(),
  cores: z.number().optional(),
  memory: z.object({ totalBytes: z.number(), availableBytes: z.number() }).optional(),
  /** Free space of the file system holding `/`. */
  disk: z.object({ path: z.string(), totalBytes: z.number(), availableBytes: z.number() }).optional(),
  user: z.object({ name: z.string(), uid: z.number(), isRoot: z.boolean(), passwordlessSudo: z.boolean().optional() }),
  tools: z.object({
    /** `serverVersion` is absent when the Docker daemon did not answer. */
    docker: toolSchema.extend({ serverVersion: z.string().optional() }).optional(),
    'docker-compose': toolSchema.optional(),
    podman: toolSchema.optional(),
    'podman-compose': toolSchema.optional(),
    pct: toolSchema.optional(),
    pvesh: toolSchema.optional(),
    /** `server`: /etc/rancher/k3s/k3s.yaml exists, so this host runs the k3s server. */
    k3s: toolSchema.extend({ server: z.boolean() }).optional(),
    kubectl: toolSchema.optional(),
  }),
  /** Every compose tool found, preferred first; empty when there is none. */
  compose: z.array(composeToolSchema),
  /** Proxmox VE version from `pvesh get /version`, when this is a Proxmox node. */
  proxmoxVersion: z.string().optional(),
  /** SELinux's mode where the host has SELinux (absent: none). */
  selinux: z.enum(['enforcing', 'permissive', 'disabled']).optional(),
  /** A running Traefik container per engine (its labels route to apps on its networks). */
  traefik: z.partialRecord(z.enum(containerEngines), traefikSchema).optional(),
});

/** What a host is and can run, from one probe (see detectHost). */
export type HostFacts = z.output<typeof hostFactsSchema>;

/** Facts with the time they were gathered, as cached under the state cache dir. */
export const detectedHostSchema = z.object({ host: z.string(), detectedAt: z.iso.datetime(), facts: hostFactsSchema });

/** A cache entry: the host, when it was probed (ISO time) and the facts. */
export type DetectedHost = z.output<typeof detectedHostSchema>;
