// The plain, typed inputs each provider turns into real artefacts: compose files (compose), `pct create`
// options and install commands (proxmox-lxc), Kubernetes manifests (k3s). Everything here is concrete:
// answers substituted, conditions applied, sizes converted. Secret values appear as they are (the
// provider needs them) and are also listed in `secretValues` so every printer can mask them.

/** How to tell the app is up. `port` is the port to probe from where the provider stands: the published host port (compose), the guest's port (LXC), the container port (k3s). */
export type HealthProbe =
  | { kind: 'http'; service: string; port: number; path: string; expectStatus: number; bodyContains?: string }
  | { kind: 'tcp'; service: string; port: number };

/** A database a backup dumps. `path`/`hostPath` for SQLite: inside the container or guest, and on the compose host. */
export type DatabaseDump =
  | { kind: 'sqlite'; service?: string; path: string; hostPath?: string }
  | {
      kind: 'postgres' | 'mysql';
      service?: string;
      host: string;
      port: number;
      database: string;
      user: string;
      password: string;
      /** The host folders of `service`'s data volumes, where the server keeps its files (compose). */
      hostPaths?: string[];
    };

/** A directory a backup copies: inside the container or guest, and on the compose host when it is bind-mounted. */
export interface BackupPath {
  service?: string;
  path: string;
  hostPath?: string;
}

/** What a backup holds. */
export interface BackupInputs {
  database?: DatabaseDump;
  paths: BackupPath[];
}

/** What the app needs at least, for preflight and for "retry with more resources". */
export interface Minimums {
  cores: number;
  memoryMiB: number;
  diskGiB: number;
}

/** Fields every provider's inputs share. */
export interface RenderedCommon {
  app: string;
  version: string;
  health: HealthProbe;
  backup: BackupInputs;
  minimums: Minimums;
  /** Every secret value used anywhere in these inputs: register them with the logger and mask them in plans. */
  secretValues: string[];
}

/** A directory mounted into a container. */
export interface RenderedVolume {
  name: string;
  kind: 'data' | 'cache' | 'shared';
  /** Absolute path on the host (compose bind mount; k3s hostPath for `shared`); absent for k3s data and cache volumes (a PVC). */
  hostPath?: string;
  containerPath: string;
  readOnly: boolean;
  /** PVC size for k3s data and cache volumes, such as `1G`. */
  size: string;
  /** uid[:gid] that must own `hostPath` before the first start. */
  owner?: string;
}

/** A file to write into a volume before the first start. */
export interface RenderedFile {
  volume: string;
  /** Relative to the volume. */
  path: string;
  content: string;
  mode: number;
  onlyIfAbsent: boolean;
  /** True when the content holds a secret: write it with mode 0600 and never print it. */
  secret: boolean;
}

/** One container, provider-neutral (compose and k3s both start from this). */
export interface RenderedService {
  name: string;
  image: string;
  command?: string[];
  user?: string;
  env: Record<string, string>;
  /** Names of `env` entries holding secrets: keep them out of compose files and manifests (.env 0600, a Secret). */
  secretEnv: string[];
  ports: { name: string; container: number; host?: number; protocol: 'tcp' | 'udp' }[];
  volumes: RenderedVolume[];
  dependsOn: string[];
  /** Directories to create inside volumes before the first start, relative to the volume. */
  dirs: { volume: string; path: string }[];
  files: RenderedFile[];
  /** The recipe's container health command (exec form) or `none`; absent when the recipe gives none. */
  healthcheck?: string[] | 'none';
}
