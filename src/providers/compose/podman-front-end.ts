import type { PreflightItem } from '../provider.js';
import type { ComposeTarget } from './compose-target.js';

// podman-compose is a separate Python reimplementation of Compose that drives podman one command at a
// time; `podman compose` (Podman 4.7 and later) hands the file to a real Compose provider (docker-compose
// v2, or podman-compose when that is all there is). When the deployment runs through podman-compose and
// the host has no `podman compose`, say so: the install works, but the Compose features podman-compose
// has not implemented are out of reach. The lab's Debian 12 host is this case (Podman 4.3, podman-compose 1.0.3).

/** A warning when the chosen tool is podman-compose and the host has no `podman compose`; none otherwise. */
export function legacyPodmanComposeItems(target: ComposeTarget): PreflightItem[] {
  if (target.tool.flavour !== 'podman-compose') return [];
  if (target.host.tools.some((t) => t.flavour === 'podman compose')) return [];
  return [
    {
      status: 'warn',
      label: `only podman-compose ${target.tool.version} (the legacy Python front end) is on this host, not \`podman compose\``,
      detail: 'podman-compose implements part of the Compose specification; homelab-tui keeps to that part, but files you change by hand may use more',
      hint: 'Podman 4.7 or later has `podman compose`, which drives docker-compose v2 when it is installed; homelab-tui then uses it',
    },
  ];
}
