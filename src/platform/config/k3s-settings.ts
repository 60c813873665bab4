import { z } from 'zod';

/** `k3s:` in settings.yaml. */
export const k3sSettingsSchema = z.strictObject({
  /** How long an install, restart or update waits for the rollout and the app's probe (image pulls can be slow). */
  rolloutTimeoutSeconds: z.number().int().min(5).max(3600).default(300),
  /** The image of the helper pod that copies a PVC's files out and back (an update to a version that migrates data): it needs sh, tar, find, rm and sleep. */
  helperImage: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$/, 'an image reference such as docker.io/library/busybox:1.36').default('docker.io/library/busybox:1.36'),
});

export type K3sSettings = z.output<typeof k3sSettingsSchema>;
