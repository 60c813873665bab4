// The apt proxy for Debian guests (an apt cache such as apt-cacher-ng, common in homelabs): set in
// settings.yaml (`proxmoxLxc.aptProxy`) or answered per install (`lxc_apt_proxy`, which wins). The
// guest's apt is pointed at it before the recipe's first step, and preflight checks from the node that
// the proxy answers and reaches Debian's mirror, or, without a proxy, that the mirror answers at all.
import { tailOf } from '../../platform/errors.js';
import type { PlanStep } from '../../platform/plan/plan.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { PreflightItem } from '../provider.js';
import type { LxcInputs } from './inputs.js';
import { pct } from './pve-commands.js';

/** Where the Debian template's sources point (Proxmox's debian-12-standard). */
export const DEBIAN_MIRROR_PROBE = 'http://deb.debian.org/debian/dists/bookworm/InRelease';
/** The apt.conf.d file the proxy is written to in the guest. */
export const APT_PROXY_CONF = '/etc/apt/apt.conf.d/00homelab-tui-proxy';

/** Writes the proxy for apt's http:// sources; a guest without apt is left alone. Argument: the URL. */
export const APT_PROXY_SCRIPT = `url=$1
if [ ! -d /etc/apt/apt.conf.d ]; then
  echo "this guest has no apt: no apt proxy to set"
  exit 0
fi
printf 'Acquire::http::Proxy "%s";\\n' "$url" > ${APT_PROXY_CONF}
echo "apt uses the proxy $url"
`;

/** The proxy an install uses: its own answer, else the setting. */
export function aptProxyOf(inputs: LxcInputs, setting: string | undefined): string | undefined {
  return inputs.aptProxy ?? setting;
}

export function aptProxyStep(vmid: number, url: string): PlanStep {
  return {
    id: 'apt-proxy',
    title: `Point apt in CT ${vmid} at the proxy ${url}`,
    actions: [{ kind: 'run', command: { argv: pct.exec(vmid, ['sh', '-c', APT_PROXY_SCRIPT, 'sh', url]) }, description: `write ${APT_PROXY_CONF} in CT ${vmid}` }],
  };
}

/** curl from the node: GET the mirror's Release file, through the proxy when there is one. */
export function mirrorProbeCommand(proxy: string | undefined): string[] {
  return ['curl', '-sS', '-o', '/dev/null', '-m', '10', '-w', '%{http_code}', ...(proxy ? ['--proxy', proxy] : []), DEBIAN_MIRROR_PROBE];
}

/** Only Debian guests whose recipe downloads packages need a mirror. */
export async function checkPackageMirror(runner: CommandRunner, node: string, inputs: LxcInputs, setting: string | undefined): Promise<PreflightItem | undefined> {
  if (!inputs.needsInternet || inputs.os !== 'debian') return undefined;
  const proxy = aptProxyOf(inputs, setting);
  const result = await runner.run({ argv: mirrorProbeCommand(proxy), timeoutMs: 15_000 });
  const code = result.stdout.trim();
  if (result.exitCode === 0 && code === '200') {
    return proxy
      ? { status: 'ok', label: 'Package mirror', detail: `the apt proxy ${proxy} answers and reaches deb.debian.org (from ${node})` }
      : { status: 'ok', label: 'Package mirror', detail: `deb.debian.org answers from ${node}` };
  }
  const why = result.exitCode === 0 ? `HTTP ${code}` : tailOf(result.stderr, 1) || `curl exit ${result.exitCode ?? 'timeout'}`;
  if (proxy) {
    return {
      status: 'fail',
      label: 'Package mirror',
      detail: `the apt proxy ${proxy} does not answer for deb.debian.org from ${node} (${why})`,
      hint: `check that the proxy runs (apt-cacher-ng listens on port 3142), or fix proxmoxLxc.aptProxy in settings.yaml / the lxc_apt_proxy answer`,
    };
  }
  return {
    status: 'fail',
    label: 'Package mirror',
    detail: `the guest cannot reach a package mirror: deb.debian.org does not answer from ${node} (${why}), and no apt proxy is set`,
    hint: 'set proxmoxLxc.aptProxy in settings.yaml to an apt cache the guests can reach (such as apt-cacher-ng, http://HOST:3142), or answer lxc_apt_proxy',
  };
}
