import { z } from 'zod';
import { lxcProxySettingsSchema } from './proxy-settings.js';

/**
 * `proxmoxLxc:` in settings.yaml. `template` names the ostemplate volume to use instead of the newest
 * Debian template on the node; `sshPublicKeys` are authorized_keys lines for root in new containers
 * (public keys only).
 */
export const proxmoxLxcSettingsSchema = z.strictObject({
  template: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*:[^\0\s]+$/, 'a volume id such as local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst').optional(),
  sshPublicKeys: z.array(z.string().regex(/^(ssh-|ecdsa-|sk-)\S+ \S+/, 'an OpenSSH public key line such as ssh-ed25519 AAAA… me@laptop')).default([]),
  /** Swap for new containers in MiB (PVE's default is 512). */
  swapMiB: z.number().int().min(0).max(1_048_576).default(512),
  /** How long an install waits for the app to answer its probe (Debian package installs can be slow to start). */
  healthTimeoutSeconds: z.number().int().min(5).max(3600).default(300),
  /** How many of the snapshots homelab-tui takes before updates are kept per container (older ones are deleted after an update). */
  keepSnapshots: z.number().int().min(1).max(50).default(3),
  /** apt's http proxy in new Debian guests (an apt cache such as apt-cacher-ng); an install's lxc_apt_proxy answer wins. */
  aptProxy: z
    .string()
    .regex(/^http:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?\/?$/, 'an http URL of an apt proxy such as http://192.168.1.5:3142')
    .optional(),
  /** The reverse proxy with TLS for containers whose app has a domain (a Caddy on the node, or none). */
  proxy: lxcProxySettingsSchema.prefault({}),
});

export type ProxmoxLxcSettings = z.output<typeof proxmoxLxcSettingsSchema>;
