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
  | { kind: 'postgres' | 'mysql'; service?: string; host: string; port: number; database: string; user: string; password: string };

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

/** Inputs for the compose provider. The first service is the app. */
export interface ComposeInputs extends RenderedCommon {
  provider: 'compose';
  project: string;
  services: RenderedService[];
  /** The host name people use for the app (from its first URL or domain answer), for reverse-proxy rules. */
  publicHost?: string;
}

/** Inputs for the k3s provider: one Deployment and Service per entry of `services`, in `namespace`. */
export interface K3sInputs extends RenderedCommon {
  provider: 'k3s';
  namespace: string;
  storageClass: string;
  services: RenderedService[];
  ingress?: { host: string; service: string; port: number };
}

/** One install step for `pct exec CTID -- env K=V … sh -ec SCRIPT`. */
export interface LxcStep {
  name: string;
  script: string;
  env: Record<string, string>;
  secretEnv: string[];
}

/** The app's environment inside the guest, kept in a file of its own. */
export interface LxcServiceEnv {
  env: Record<string, string>;
  secretEnv: string[];
  /** Where `env` is written (mode 0600): the unit's EnvironmentFile and what the init script sources. */
  envFile: string;
  /** The text of that file; it may hold secrets. */
  envFileContent: string;
}

/** How the service starts on boot inside the guest. */
export type LxcService =
  | (LxcServiceEnv & {
      kind: 'packaged';
      /** The unit the package installed, such as jellyfin (for jellyfin.service). */
      name: string;
      /** A drop-in for /etc/systemd/system/<name>.service.d/homelab-tui.conf that loads envFile; absent when env is empty. */
      dropIn?: string;
    })
  | (LxcServiceEnv & {
      kind: 'generated';
      name: string;
      command: string[];
      user?: string;
      workingDir?: string;
      /** For guests with systemd: write to /etc/systemd/system/<name>.service, then enable it. */
      systemdUnit: string;
      /** For guests without systemd: write to /etc/init.d/<name> (mode 0755), then `update-rc.d <name> defaults` (sysvinit) or add `/etc/init.d/<name> start` to /etc/init.d/rcS (busybox). */
      initScript: string;
    });

/** Inputs for the Proxmox LXC provider. Sizes are in the units `pct create` takes. */
export interface LxcInputs extends RenderedCommon {
  provider: 'proxmox-lxc';
  hostname: string;
  /** Absent: take the next free id (`pvesh get /cluster/nextid`). */
  ctid?: number;
  os: 'debian' | 'any';
  needsInternet: boolean;
  unprivileged: boolean;
  features: { nesting: boolean };
  resources: { cores: number; memoryMiB: number; diskGiB: number; storage: string };
  network: { bridge: string; ip: 'dhcp' | string; gateway?: string; vlan?: number };
  /** Bind mounts from the Proxmox host (`mpN: hostPath,mp=guestPath[,ro=1]`). */
  mounts: { hostPath: string; guestPath: string; readOnly: boolean }[];
  ports: { name: string; port: number; protocol: 'tcp' | 'udp' }[];
  steps: LxcStep[];
  service: LxcService;
}

/** Any provider's inputs. */
export type RenderedInputs = ComposeInputs | LxcInputs | K3sInputs;
