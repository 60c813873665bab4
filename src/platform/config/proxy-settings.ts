import { z } from 'zod';

const absolute = z.string().regex(/^\/[^\0]*[^/]$/, 'an absolute path without a trailing /');

/** The Caddy homelab-tui manages on a host (`caddy:` under compose.proxy or proxmoxLxc.proxy). */
export const caddySettingsSchema = z.strictObject({
  /** Where homelab-tui keeps Caddy's configuration (Caddyfile, sites/) and its certificates (data/) on the host. */
  dir: absolute.default('/var/lib/homelab-tui/proxy/caddy'),
  /** `acme`: certificates from an ACME server (Let's Encrypt unless acmeCa says); `internal`: Caddy's own local CA, for LAN names. */
  tls: z.enum(['acme', 'internal']).default('acme'),
  /** The ACME directory URL (a private CA such as step-ca or pebble); absent: Caddy's default (Let's Encrypt). */
  acmeCa: z.url({ protocol: /^https$/ }).optional(),
  /** A PEM file on the proxy host with the root that signs the ACME server's own HTTPS certificate. */
  acmeCaRoot: absolute.optional(),
  /** The ACME account's e-mail address. */
  email: z.email().optional(),
});

/**
 * How an app with a domain is served over HTTPS (`compose.proxy:` in settings.yaml).
 * `auto`: labels for the Traefik the host runs, when one is detected; otherwise no proxy.
 * `traefik`: always Traefik labels. `caddy`: a Caddy that homelab-tui manages on the host (Debian's
 * `caddy` package), one site file per deployment. `none`: the app is reached on its own port only.
 */
export const proxySettingsSchema = z.strictObject({
  kind: z.enum(['auto', 'traefik', 'caddy', 'none']).default('auto'),
  traefik: z
    .strictObject({
      /** The entrypoints the router listens on (Traefik's static configuration names them). */
      entrypoints: z.array(z.string().regex(/^[A-Za-z0-9_-]+$/, 'an entrypoint name')).min(1).default(['websecure']),
      /** Serve the router over TLS. */
      tls: z.boolean().default(true),
      /** The certificate resolver (certificatesResolvers.<name> in Traefik's static configuration); absent: Traefik's default certificate. */
      certResolver: z.string().regex(/^[A-Za-z0-9_-]+$/, 'a resolver name').optional(),
    })
    .prefault({}),
  caddy: caddySettingsSchema.prefault({}),
});

export type ProxySettings = z.output<typeof proxySettingsSchema>;

/**
 * The reverse proxy for Proxmox containers with a domain (`proxmoxLxc.proxy:` in settings.yaml).
 * `caddy`: a Caddy homelab-tui manages on the Proxmox node (Debian's `caddy` package, which a PVE node
 * can install), reaching each container at its static address; `none`: containers are reached directly.
 */
export const lxcProxySettingsSchema = z.strictObject({
  kind: z.enum(['none', 'caddy']).default('none'),
  caddy: caddySettingsSchema.prefault({}),
});

export type CaddySettings = z.output<typeof caddySettingsSchema>;
export type LxcProxySettings = z.output<typeof lxcProxySettingsSchema>;
