import type { CaddySettings } from '../config/proxy-settings.js';
import { BugError } from '../errors.js';
import type { PlanAction, PlanStep } from '../plan/plan.js';

// A Caddy that homelab-tui manages on a host: Debian's `caddy` binary with homelab-tui's own
// configuration directory (settings: compose.proxy.caddy.dir), a main Caddyfile made from the
// settings that imports one site file per deployment (`sites/<deployment>.caddy`). A site is
// `NAME { reverse_proxy UPSTREAM }`: Caddy gets its certificate itself (Automatic HTTPS, from the ACME
// server in the settings or from its local CA) and redirects HTTP to HTTPS. Caddy's Caddyfile
// grammar: https://caddyserver.com/docs/caddyfile/options (acme_ca, acme_ca_root, email, local_certs,
// storage, skip_install_trust) and https://caddyserver.com/docs/caddyfile/directives/reverse_proxy.
// With its local CA, Caddy would also put its root into the host's trust store unless told not to
// (skip_install_trust): homelab-tui never changes what a host trusts.

export interface CaddySite {
  /** The deployment it serves. */
  deployment: string;
  /** The public host name (validated as a domain or taken from a URL). */
  host: string;
  /** Where Caddy reaches the app, `address:port`. */
  upstream: string;
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const UPSTREAM = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export const caddyFile = (settings: CaddySettings): string => `${settings.dir}/Caddyfile`;
export const caddySitePath = (settings: CaddySettings, deployment: string): string => `${settings.dir}/sites/${deployment}.caddy`;

/** The main Caddyfile (pure): global options from the settings, then every deployment's site. */
export function caddyMainConfig(settings: CaddySettings): string {
  const options = [
    '\tadmin localhost:2019',
    `\tstorage file_system ${settings.dir}/data`,
    ...(settings.tls === 'internal' ? ['\tlocal_certs', '\tskip_install_trust'] : []),
    ...(settings.tls === 'acme' && settings.acmeCa ? [`\tacme_ca ${settings.acmeCa}`] : []),
    ...(settings.tls === 'acme' && settings.acmeCaRoot ? [`\tacme_ca_root ${settings.acmeCaRoot}`] : []),
    ...(settings.email ? [`\temail ${settings.email}`] : []),
  ];
  return `# Written by homelab-tui from its settings (compose.proxy.caddy); each deployment has its own file in sites/.\n{\n${options.join('\n')}\n}\n\nimport sites/*.caddy\n`;
}

/** One deployment's site (pure). The host and upstream are checked, so nothing else can reach the file. */
export function caddySiteConfig(site: CaddySite): string {
  if (!HOST_NAME.test(site.host)) throw new BugError(`not a host name for a Caddy site: ${JSON.stringify(site.host)}`);
  if (!UPSTREAM.test(site.upstream)) throw new BugError(`not an upstream for a Caddy site: ${JSON.stringify(site.upstream)}`);
  return `# homelab-tui: the deployment "${site.deployment}"\n${site.host} {\n\treverse_proxy ${site.upstream}\n}\n`;
}

// Validates the configuration, then reloads a running Caddy through its admin endpoint; when none
// runs, starts it: as a systemd service where systemd runs, else in the background with setsid. Waits
// (at most 10 s) until the admin endpoint has taken the configuration. Argument: the directory.
const APPLY_SCRIPT = [
  'set -e; d=$1; f="$d/Caddyfile"',
  'command -v caddy >/dev/null 2>&1 || { echo "caddy is not installed on this host (Debian: apt-get install caddy)" >&2; exit 3; }',
  'caddy validate --config "$f" --adapter caddyfile >"$d/validate.log" 2>&1 || { tail -n 5 "$d/validate.log" >&2; exit 4; }',
  'caddy reload --config "$f" --adapter caddyfile >/dev/null 2>&1 && exit 0',
  'if [ -d /run/systemd/system ]; then',
  '  printf "[Unit]\\nDescription=Caddy managed by homelab-tui\\nAfter=network-online.target\\nWants=network-online.target\\n\\n[Service]\\nExecStart=/usr/bin/caddy run --config %s --adapter caddyfile\\nExecReload=/usr/bin/caddy reload --config %s --adapter caddyfile\\nRestart=on-failure\\nAmbientCapabilities=CAP_NET_BIND_SERVICE\\n\\n[Install]\\nWantedBy=multi-user.target\\n" "$f" "$f" > /etc/systemd/system/homelab-tui-caddy.service',
  '  systemctl daemon-reload; systemctl enable --now homelab-tui-caddy.service',
  'else',
  '  setsid caddy run --config "$f" --adapter caddyfile --pidfile "$d/caddy.pid" >>"$d/caddy.log" 2>&1 </dev/null &',
  'fi',
  'i=0; until caddy reload --config "$f" --adapter caddyfile >/dev/null 2>&1; do i=$((i+1)); if [ $i -ge 50 ]; then tail -n 10 "$d/caddy.log" >&2 2>/dev/null; echo "Caddy did not start" >&2; exit 5; fi; sleep 0.2; done',
].join('\n');

// Reloads Caddy if it runs (after a site was removed); a Caddy that does not run needs nothing.
const RELOAD_IF_RUNNING = 'f="$1/Caddyfile"; [ -f "$f" ] || exit 0; command -v caddy >/dev/null 2>&1 || exit 0; caddy reload --config "$f" --adapter caddyfile >/dev/null 2>&1 || true';

/** Validates the configuration in `dir` and reloads Caddy (a graceful reload: connections in flight finish on the old configuration), starting it if it does not run. */
export const caddyApplyAction = (dir: string): PlanAction => ({
  kind: 'run',
  command: { argv: ['sh', '-c', APPLY_SCRIPT, 'sh', dir], timeoutMs: 60_000 },
  description: `check ${dir}/Caddyfile (caddy validate) and reload Caddy, starting it if it does not run`,
});

const applyAction = (settings: CaddySettings): PlanAction => caddyApplyAction(settings.dir);

const reloadAction = (dir: string): PlanAction => ({
  kind: 'run',
  command: { argv: ['sh', '-c', RELOAD_IF_RUNNING, 'sh', dir], timeoutMs: 60_000 },
  description: 'reload Caddy if it runs',
});

// `host` in the functions below: the inventory host that runs this Caddy when it is not the plan's
// (hosts.yaml `proxy`); the step then runs there (PlanStep.host) and its title says so.
const on = (host: string | undefined): { host?: string } => (host ? { host } : {});
const onWords = (host: string | undefined): string => (host ? ` on ${host}` : '');

/** The record's refs for a deployment's site (`proxyHost` when Caddy runs on another host). */
export function caddyRefs(settings: CaddySettings, deployment: string, host?: string): Record<string, string> {
  return { proxy: 'caddy', proxyDir: settings.dir, proxySite: caddySitePath(settings, deployment), ...(host ? { proxyHost: host } : {}) };
}

/** The install step: the main Caddyfile, this deployment's site, validate and reload; undone by removing the site. */
export function caddySiteStep(settings: CaddySettings, site: CaddySite, host?: string): PlanStep {
  const path = caddySitePath(settings, site.deployment);
  return {
    id: 'proxy',
    title: `Serve https://${site.host} through Caddy${onWords(host)}`,
    ...on(host),
    actions: [
      { kind: 'run', command: { argv: ['mkdir', '-p', '--', `${settings.dir}/sites`, `${settings.dir}/data`] } },
      { kind: 'write', path: caddyFile(settings), content: caddyMainConfig(settings), mode: 0o644 },
      { kind: 'write', path, content: caddySiteConfig(site), mode: 0o644 },
      applyAction(settings),
    ],
    undo: [{ kind: 'run', command: { argv: ['rm', '-f', '--', path] } }, reloadAction(settings.dir)],
    creates: [path],
  };
}

/** The uninstall step: remove the deployment's site and reload, so Caddy stops serving its name. */
export function caddyRemoveSiteStep(dir: string, site: string, host?: string): PlanStep {
  return {
    id: 'proxy',
    title: `Remove its site from Caddy${onWords(host)}`,
    ...on(host),
    actions: [{ kind: 'run', command: { argv: ['rm', '-f', '--', site] } }, reloadAction(dir)],
  };
}

/** The root of Caddy's local CA on the proxy host (tls: internal): what clients trust for LAN names. */
export const caddyLocalRoot = (settings: CaddySettings): string => `${settings.dir}/data/pki/authorities/local/root.crt`;

/** The site a deployment's record names (refs proxy, proxyDir, proxySite, and proxyHost when Caddy runs on another host), or undefined. */
export function recordedCaddySite(refs: Readonly<Record<string, unknown>>): { dir: string; site: string; host?: string } | undefined {
  const { proxy, proxyDir, proxySite, proxyHost } = refs;
  if (proxy !== 'caddy' || typeof proxyDir !== 'string' || typeof proxySite !== 'string') return undefined;
  return { dir: proxyDir, site: proxySite, ...(typeof proxyHost === 'string' ? { host: proxyHost } : {}) };
}

/** The step removing the site a record names, on the host that serves it. */
export function recordedSiteRemoval(refs: Readonly<Record<string, unknown>>): PlanStep | undefined {
  const site = recordedCaddySite(refs);
  return site ? caddyRemoveSiteStep(site.dir, site.site, site.host) : undefined;
}

/**
 * Reconfigure: the deployment's site moves from one name to another, or appears, or goes (absent
 * `after`). Undo puts the previous site back, so a failed reconfigure leaves Caddy as it was.
 */
export function caddySiteChangeStep(settings: CaddySettings, deployment: string, before: CaddySite | undefined, after: CaddySite | undefined, host?: string): PlanStep {
  const path = caddySitePath(settings, deployment);
  const write = (site: CaddySite): PlanAction[] => [
    { kind: 'run', command: { argv: ['mkdir', '-p', '--', `${settings.dir}/sites`, `${settings.dir}/data`] } },
    { kind: 'write', path: caddyFile(settings), content: caddyMainConfig(settings), mode: 0o644 },
    { kind: 'write', path, content: caddySiteConfig(site), mode: 0o644 },
    applyAction(settings),
  ];
  const remove: PlanAction[] = [{ kind: 'run', command: { argv: ['rm', '-f', '--', path] } }, reloadAction(settings.dir)];
  return {
    id: 'proxy',
    title: after ? `Serve https://${after.host} through Caddy${onWords(host)}${before ? ` (was ${before.host})` : ''}` : `Stop serving https://${before?.host ?? deployment} through Caddy${onWords(host)}`,
    ...on(host),
    actions: after ? write(after) : remove,
    undo: before ? write(before) : remove,
  };
}
