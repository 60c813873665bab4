import { z } from 'zod';

import { composeFlavours, type ComposeFlavour } from '../hosts/host-facts.js';
import { proxySettingsSchema } from './proxy-settings.js';

/** The compose front ends a container host may have, in the order homelab-tui prefers them (one list with host detection). */
export const COMPOSE_FLAVOURS = composeFlavours;
export type { ComposeFlavour };

/** The compose commands homelab-tui runs; each can be replaced by an argv template in settings. */
export const COMPOSE_ACTIONS = ['up', 'down', 'config', 'restart', 'stop', 'start'] as const;
export type ComposeAction = (typeof COMPOSE_ACTIONS)[number];

const argv = z.array(z.string().min(1)).min(1);

/**
 * `compose:` in settings.yaml. `tools` replaces the argv that runs a flavour (for example
 * `["sudo", "docker", "compose"]`); `commands` replaces a whole command as a template whose words
 * `{compose}` (the tool's argv), `{project}`, `{file}` and `{service}` are filled in, lazydocker-style.
 */
export const composeSettingsSchema = z.strictObject({
  /** `auto` takes the first flavour present in COMPOSE_FLAVOURS order whose engine answers. */
  flavour: z.enum(['auto', ...COMPOSE_FLAVOURS]).default('auto'),
  /** Where each deployment's project directory (compose.yaml, .env) is made on the host. */
  projectRoot: z.string().regex(/^\/[^\0]*[^/]$/, 'an absolute path without a trailing /').default('/opt/homelab-tui'),
  tools: z.partialRecord(z.enum(COMPOSE_FLAVOURS), argv).default({}),
  commands: z.partialRecord(z.enum(COMPOSE_ACTIONS), argv).default({}),
  /** How long an install waits for the containers and the app to become healthy (first starts of databases are slow). */
  healthTimeoutSeconds: z.number().int().min(5).max(3600).default(300),
  /** How apps with a domain are served over HTTPS: Traefik labels or a managed Caddy (proxy-settings.ts). */
  proxy: proxySettingsSchema.prefault({}),
});

export type ComposeSettings = z.output<typeof composeSettingsSchema>;
