import type { LxcInputs } from './inputs.js';
import { UserError } from '../../platform/errors.js';
import { checkHostname } from '../../platform/validation/domain.js';
import type { PveOption } from './pve-commands.js';

/** What `pct create` needs beyond the rendered inputs. */
export interface ContainerOptionsRequest {
  inputs: LxcInputs;
  deployment: string;
  swapMiB: number;
  /** A file on the node with the public keys for root (pct reads keys from a file, never from argv). */
  sshKeysFile?: string;
  /** `onboot`: true unless said otherwise. */
  startOnBoot?: boolean;
}

/** The description every container this tool creates carries; the undo of a create checks it. */
export function containerDescription(deployment: string, app: string, version: string): string {
  return `homelab-tui deployment ${deployment} (${app} ${version})`;
}

/** True when a container's config says it is the one created for this deployment (and not a stranger that took the id). */
export function isOwnedBy(config: Record<string, string>, deployment: string, hostname: string): boolean {
  return config.hostname === hostname && (config.description ?? '').startsWith(`homelab-tui deployment ${deployment} (`);
}

/** `net0`: eth0 on the bridge, a static address with its gateway or DHCP, and the VLAN tag when there is one. */
export function netOption(network: LxcInputs['network']): string {
  return [
    'name=eth0',
    `bridge=${network.bridge}`,
    `ip=${network.ip}`,
    ...(network.ip !== 'dhcp' && network.gateway ? [`gw=${network.gateway}`] : []),
    ...(network.vlan !== undefined ? [`tag=${network.vlan}`] : []),
  ].join(',');
}

/** `mpN` for a bind mount: the host directory, where it appears in the guest, and `ro=1` when read-only. */
export function mountOption(mount: LxcInputs['mounts'][number]): string {
  for (const path of [mount.hostPath, mount.guestPath]) {
    // A property string has no quoting: a comma or = would start another key.
    if (!path.startsWith('/') || /[,=\s]/.test(path)) {
      throw new UserError(`"${path}" cannot be a mount point path`, 'use an absolute path without commas, = or spaces');
    }
  }
  return `${mount.hostPath},mp=${mount.guestPath}${mount.readOnly ? ',ro=1' : ''}`;
}

/** The options of `pct create`, in a fixed order so plans read the same every time. */
export function containerOptions(request: ContainerOptionsRequest): PveOption[] {
  const { inputs } = request;
  const hostname = checkHostname(inputs.hostname);
  if (!hostname.ok) throw new UserError(`"${inputs.hostname}" is not a valid container host name: ${hostname.reason}`, 'set lxc_hostname to an RFC 1123 name such as jellyfin');
  const options: PveOption[] = [
    ['hostname', hostname.value],
    ['description', containerDescription(request.deployment, inputs.app, inputs.version)],
    ['tags', `homelab-tui;${inputs.app}`],
    ['cores', inputs.resources.cores],
    ['memory', inputs.resources.memoryMiB],
    ['swap', request.swapMiB],
    ['rootfs', `${inputs.resources.storage}:${inputs.resources.diskGiB}`],
    ['net0', netOption(inputs.network)],
    ...(inputs.dns?.nameserver ? [['nameserver', inputs.dns.nameserver] as const] : []),
    ...(inputs.dns?.searchdomain ? [['searchdomain', inputs.dns.searchdomain] as const] : []),
    ['unprivileged', inputs.unprivileged ? 1 : 0],
    ...(inputs.features.nesting ? [['features', 'nesting=1'] as const] : []),
    ['onboot', request.startOnBoot === false ? 0 : 1],
    ...inputs.mounts.map((mount, i) => [`mp${i}`, mountOption(mount)] as const),
  ];
  if (request.sshKeysFile) options.push(['ssh-public-keys', request.sshKeysFile]);
  return options;
}
