import { z } from 'zod';

/** `k3s:` in settings.yaml. */
export const k3sSettingsSchema = z.strictObject({
  /** How long an install, restart or update waits for the rollout and the app's probe (image pulls can be slow). */
  rolloutTimeoutSeconds: z.number().int().min(5).max(3600).default(300),
});

export type K3sSettings = z.output<typeof k3sSettingsSchema>;
