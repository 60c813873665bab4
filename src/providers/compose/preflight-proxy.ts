import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { ProxyHost } from '../../platform/proxy/proxy-host.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { PreflightItem } from '../provider.js';
import type { ComposeInputs } from './inputs.js';
import { describeOwner, LISTENERS_ARGV, parseListeners } from './listeners.js';

// What the managed Caddy needs on the host: ports 80 and 443 free or already Caddy's (80 answers the
// ACME HTTP challenge and redirects to HTTPS), and the app's name resolving to this host (else the
// certificate cannot be issued and people do not reach it; a warning, since DNS may follow later).
const ADDRESSES_SCRIPT = 'getent ahostsv4 "$1" 2>/dev/null | cut -d" " -f1 | sort -u | tr "\\n" " "; echo; hostname -I 2>/dev/null || ip -4 -o addr show | awk \'{print $4}\' | cut -d/ -f1 | tr "\\n" " "';

export async function proxyItems(runner: CommandRunner, inputs: ComposeInputs, settings: ComposeSettings, proxyHost?: ProxyHost): Promise<PreflightItem[]> {
  if (!inputs.publicHost) return [];
  if (proxyHost) return remoteProxyItems(proxyHost, inputs.publicHost, `remove proxy from ${runner.host} in hosts.yaml`);
  if (settings.proxy.kind !== 'caddy') return [];
  return caddyHostItems(runner, inputs.publicHost, 'set compose.proxy.kind to traefik or none in settings.yaml');
}

/** The proxy on another host (hosts.yaml `proxy`): caddy installed there, its ports 80/443, the name resolving to it. */
export async function remoteProxyItems(proxyHost: ProxyHost, publicHost: string, otherwise: string): Promise<PreflightItem[]> {
  const { runner } = proxyHost;
  const caddy = await runner.run({ argv: ['sh', '-c', 'command -v caddy'], timeoutMs: 30_000 });
  const installed: PreflightItem =
    caddy.exitCode === 0
      ? { status: 'ok', label: `caddy is installed on the proxy host ${runner.host}` }
      : { status: 'fail', label: `caddy is not installed on the proxy host ${runner.host}`, hint: `install it from its packages (apt-get install caddy), or ${otherwise}` };
  return [installed, ...(await caddyHostItems(runner, publicHost, otherwise))];
}

/** Ports 80/443 and the name's resolution for a Caddy on this runner's host (also the Proxmox node's, for containers). */
export async function caddyHostItems(runner: CommandRunner, publicHost: string, otherwise: string): Promise<PreflightItem[]> {
  const items: PreflightItem[] = [];
  const listening = await runner.run({ argv: LISTENERS_ARGV, timeoutMs: 30_000 });
  const listeners = listening.exitCode === 0 ? parseListeners(listening.stdout) : [];
  for (const port of [80, 443]) {
    const taken = listeners.find((l) => l.port === port && l.protocol === 'tcp');
    if (!taken) items.push({ status: 'ok', label: `port ${port}/tcp is free for Caddy on ${runner.host}` });
    else if (taken.process === 'caddy') items.push({ status: 'ok', label: `port ${port}/tcp: Caddy already serves it on ${runner.host}` });
    else items.push({ status: 'fail', label: `port ${port}/tcp is in use on ${runner.host}`, detail: `${describeOwner(taken)} listens on ${taken.address}:${port}`, hint: `Caddy needs 80 and 443: stop that process, or ${otherwise}` });
  }
  const resolved = await runner.run({ argv: ['sh', '-c', ADDRESSES_SCRIPT, 'sh', publicHost], timeoutMs: 30_000 });
  const [names = '', own = ''] = resolved.stdout.split('\n');
  const found = names.trim().split(/\s+/).filter(Boolean);
  const mine = new Set(own.trim().split(/\s+/).filter(Boolean));
  const hint = `point ${publicHost} at ${runner.host} in your DNS; until then Caddy gets no certificate for it from ACME and people do not reach it by name`;
  if (found.length === 0) items.push({ status: 'warn', label: `${publicHost} does not resolve on ${runner.host}`, hint });
  else if (!found.some((a) => mine.has(a))) items.push({ status: 'warn', label: `${publicHost} resolves to ${found.join(', ')}, not to ${runner.host}`, hint });
  else items.push({ status: 'ok', label: `${publicHost} resolves to ${runner.host}` });
  return items;
}
