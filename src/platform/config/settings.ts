import { z } from 'zod';
import { composeSettingsSchema } from './compose-settings.js';
import { proxmoxLxcSettingsSchema } from './proxmox-lxc-settings.js';
import { k3sSettingsSchema } from './k3s-settings.js';
import { readYamlFile } from './yaml-file.js';

/** User settings (`settings.yaml`); every field has a default, so the file is optional. */
export const settingsSchema = z.strictObject({
  /**
   * The ssh config file to read instead of ~/.ssh/config (like `ssh -F`), so no --ssh-config is needed
   * on every run; the flag still wins. `~/` is the home directory; a relative path is relative to the
   * folder of settings.yaml.
   */
  sshConfig: z.string().min(1).max(4096).optional(),
  /** Seconds between dashboard refreshes of one host. */
  refreshSeconds: z.number().min(1).max(3600).default(5),
  /**
   * How many hosts are read at once (status, the dashboard's refresh). A reading mostly waits on the
   * network, so a homelab's hosts are read together, as `hosts check` does (32): with 8, 20 hosts took
   * three rounds, 2.85x one host where 2x is the aim (bench:dashboard, figure 3).
   */
  concurrency: z.number().int().min(1).max(64).default(32),
  connectTimeoutSeconds: z.number().min(1).max(300).default(10),
  commandTimeoutSeconds: z.number().min(1).max(3600).default(60),
  /** Seconds between SSH keepalives; a link is declared dead after three missed ones. */
  keepaliveSeconds: z.number().min(1).max(300).default(5),
  /** Commands run at once over one host's connection (sshd's MaxSessions is 10 by default). */
  channelsPerHost: z.number().int().min(1).max(10).default(8),
  /** Seconds an undo keeps trying to reach a host whose connection was lost before it leaves the journal there. */
  undoReconnectSeconds: z.number().min(0).max(3600).default(60),
  /** Archives of one deployment `backup` keeps in its directory when --keep is not given (absent: all). */
  backupKeep: z.number().int().min(1).max(1000).optional(),
  /** When a host's figures warn (dashboard and status): a data path's disk under this % free, memory over this % used. */
  thresholds: z
    .strictObject({ diskFreePercent: z.number().min(0).max(100).default(20), memoryUsedPercent: z.number().min(0).max(100).default(80) })
    .prefault({}),
  /** The compose provider: tool choice, command templates, project root, health timeout. */
  compose: composeSettingsSchema.prefault({}),
  /** The Proxmox LXC provider: template, root's public keys, swap, health timeout. */
  proxmoxLxc: proxmoxLxcSettingsSchema.prefault({}),
  /** The k3s provider: rollout timeout. */
  k3s: k3sSettingsSchema.prefault({}),
});

export type Settings = z.output<typeof settingsSchema>;

export async function loadSettings(file: string): Promise<Settings> {
  return (await readYamlFile(file, settingsSchema)) ?? settingsSchema.parse({});
}
