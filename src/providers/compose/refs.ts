import { z } from 'zod';
import { COMPOSE_FLAVOURS } from '../../platform/config/compose-settings.js';
import { containerEngines } from '../../platform/hosts/host-facts.js';

/** The compose provider's part of a deployment record: where its project is and what runs it. */
export const composeRefsSchema = z.looseObject({
  project: z.string().min(1),
  /** The project directory and its compose file on the host. */
  dir: z.string().min(1),
  file: z.string().min(1),
  /** The compose flavour that installed it (its naming and networks), when the record says. */
  flavour: z.enum(COMPOSE_FLAVOURS).optional(),
  engine: z.enum(containerEngines).optional(),
  /** The compose services, comma-separated; the first is the app unless `main` says. */
  services: z.string().min(1),
  main: z.string().min(1).optional(),
  /** The managed reverse proxy serving it (`caddy`), its configuration directory and this deployment's site file. */
  proxy: z.literal('caddy').optional(),
  proxyDir: z.string().min(1).optional(),
  proxySite: z.string().min(1).optional(),
  /** The inventory host that runs that Caddy, when it is not this deployment's host (hosts.yaml `proxy`). */
  proxyHost: z.string().min(1).optional(),
});

export type ComposeRefs = z.output<typeof composeRefsSchema>;
