import type { RenderedCommon } from '../../platform/recipe/render/rendered.js';

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
  /** The lxc_nameserver / lxc_searchdomain answers (pct create --nameserver/--searchdomain); absent: PVE copies the node's. */
  dns?: { nameserver?: string; searchdomain?: string };
  /** Bind mounts from the Proxmox host (`mpN: hostPath,mp=guestPath[,ro=1]`). */
  mounts: { hostPath: string; guestPath: string; readOnly: boolean }[];
  ports: { name: string; port: number; protocol: 'tcp' | 'udp' }[];
  steps: LxcStep[];
  service: LxcService;
  /** The lxc_apt_proxy answer: apt's http proxy in the guest (overrides proxmoxLxc.aptProxy). */
  aptProxy?: string;
  /** The Debian package the app comes from (status shows its installed version). */
  package?: string;
  /** The recipe's first-login script, run in the guest after the app answers. */
  firstLogin?: string;
  /** The app's public host name (its domain answer), served over HTTPS by the managed proxy when settings ask for one. */
  publicHost?: string;
}
