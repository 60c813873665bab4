// The JSON manifest `npm run lab:up` writes (<stateDir>/manifest.json) and tests read through
// test/support/lab.ts. One definition for the writer (test/lab/src) and the readers.

/** What a lab host is for. */
export type LabRole = 'docker' | 'podman' | 'pve' | 'db' | 'bare' | 'jump' | 'behind' | 'fleet' | 'k3s' | 'proxy';

/** One "remote host": a network namespace with its own address, hostname and sshd. */
export interface LabHost {
  /** Short name tests use: "docker", "podman", "pve", "db", "bare", "jump", "behind", "fleet-01"… */
  name: string;
  /** Host alias in the lab's ssh config, and the host's hostname: "<prefix>-<name>". */
  alias: string;
  address: string;
  port: number;
  user: string;
  roles: LabRole[];
  /** Commands this host offers beyond a shell (e.g. "docker", "docker-compose", "pct", "psql"). */
  tools: string[];
  netns: string;
  /** Interface the link faults act on: the root-namespace veth, or the jump host's side for "behind". */
  linkDevice: string;
  /** Namespace that owns linkDevice ("" = root namespace). */
  linkNetns: string;
  /** Name of the host to jump through, when this host is reachable only that way. */
  proxyJump?: string;
  /** The host's public key line ("ssh-ed25519 AAAA…"), also in known_hosts. */
  hostKey: string;
  /** Environment the host's ssh sessions get (sshd SetEnv). */
  env: Record<string, string>;
  /** A small tmpfs mounted inside this host only, for "disk nearly full" tests. */
  dataDisk?: { path: string; sizeBytes: number };
}

export interface LabSsh {
  user: string;
  privateKey: string;
  publicKey: string;
  knownHosts: string;
  /** An ssh_config file with one Host block per host (alias), ProxyJump included. */
  config: string;
}

export interface LabImages {
  /** Image references as the engine names them. */
  busybox: string;
  app: { v1: string; v2: string; bad: string };
}

export interface LabDatabases {
  host: string;
  postgres: { address: string; port: number; user: string; password: string; database: string; superuser: string; socketDir: string };
  mariadb: { address: string; port: number; user: string; password: string; database: string; socket: string };
}

export interface LabPve {
  host: string;
  /** The node name pvesh/pct answer for (the host's hostname). */
  node: string;
  /** PVE version the simulator's schema comes from. */
  version: '8' | '9';
  simulator: true;
  bridge: string;
  /** Guests' subnet on the bridge, routed from the root namespace via the pve host. */
  guestSubnet: string;
  gateway: string;
  /** Addresses tests may give guests (inclusive). */
  guestAddresses: { first: string; last: string };
  storage: { id: string; path: string; sizeBytes: number };
  /** ostemplate volume ids pct create accepts. */
  templates: string[];
  /**
   * The Debian 12 template (debootstrap, systemd) real recipes use, as `local:vztmpl/debian-12-standard_…tar.zst`.
   * It is in the simulator's appliance catalogue, not in the storage: a test downloads it first
   * (`pvesh create /nodes/NODE/aplinfo --storage local --template FILE`, i.e. `pveam download`), and removes
   * it after, so the busybox template stays the only one for the other files.
   */
  debianTemplate: string;
  /** apt-cacher-ng in the root namespace on the pve host's root-side link address: the guests' only way to Debian's mirror. */
  aptProxy: string;
  /** Where the simulator keeps its state (configs, snapshots, tasks). */
  stateDir: string;
}

export interface LabApp {
  port: number;
  health: { path: string; body: string; badStatus: number; badBody: string };
  versionPath: string;
  dataDir: string;
  /** A tar.gz of the app for LXC guests (unpack at / then run /opt/labapp/install.sh). */
  guestBundle: string;
}

export interface LabK3s {
  host: string;
  simulator: true;
  /** The simulator's objects, pods' env files and local-path volumes. */
  stateDir: string;
  /** The cluster's nodes: the host itself (amd64, runs pods) and an arm64 node that is scheduling-only. */
  nodes: { name: string; arch: string; schedulingOnly: boolean }[];
  images: LabImages;
}

export interface LabManifest {
  version: 1;
  prefix: string;
  /** First two octets of the lab range, e.g. "10.200". */
  net: string;
  range: string;
  stateDir: string;
  createdAt: string;
  ssh: LabSsh;
  hosts: LabHost[];
  docker: { host: string; socket: string; images: LabImages };
  podman: { host: string; containersConf: string; storageConf: string; images: LabImages };
  pve: LabPve;
  /** The k3s host: its kubectl and k3s are a SIMULATOR (test/lab/sim/kubectl.mjs) running pods on its Podman. */
  k3s?: LabK3s;
  /**
   * The proxy host (the bare host has the role): Debian's caddy, and private links to the docker host
   * and the pve host (lab hosts otherwise reach only the root namespace, which does not forward).
   * `upstreams`: the address it reaches each linked host at; the pve guests' subnet is routed through
   * the pve link.
   */
  proxy?: { host: string; upstreams: Record<string, string> };
  databases: LabDatabases;
  app: LabApp;
}
