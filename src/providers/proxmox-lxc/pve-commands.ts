// argv for pvesh and pct, as data. Option names and values follow the PVE API schema (pct's options are
// the API parameters; see test/fixtures/schemas); the contract tests check every call made against it.

/** An option and its value, in the order they appear on the command line. */
export type PveOption = readonly [name: string, value: string | number];

function flags(options: readonly PveOption[]): string[] {
  return options.flatMap(([name, value]) => [`--${name}`, String(value)]);
}

/** `pvesh get PATH [--param value…] --output-format json`. */
export function pveshGet(path: string, params: readonly PveOption[] = []): string[] {
  return ['pvesh', 'get', path, ...flags(params), '--output-format', 'json'];
}

export const pct = {
  create: (vmid: number, ostemplate: string, options: readonly PveOption[]) => ['pct', 'create', String(vmid), ostemplate, ...flags(options)],
  start: (vmid: number) => ['pct', 'start', String(vmid)],
  /** A clean shutdown that becomes a hard stop after `timeoutSeconds`. */
  shutdown: (vmid: number, timeoutSeconds: number) => ['pct', 'shutdown', String(vmid), '--timeout', String(timeoutSeconds), '--forceStop', '1'],
  /** `purge` also drops the id from backup, replication and HA jobs and destroys unreferenced disks of this id. */
  destroy: (vmid: number, options: { force?: boolean; purge?: boolean } = {}) => [
    'pct',
    'destroy',
    String(vmid),
    ...(options.force ? ['--force', '1'] : []),
    ...(options.purge ? ['--purge', '1', '--destroy-unreferenced-disks', '1'] : []),
  ],
  /** `pct exec VMID -- ARGV…`: `--` keeps pct from reading the command's own options. */
  exec: (vmid: number, argv: readonly string[]) => ['pct', 'exec', String(vmid), '--', ...argv],
  /** Copies a file on the node into the guest; `perms` in octal, e.g. `0600`. */
  push: (vmid: number, source: string, destination: string, perms: string) => ['pct', 'push', String(vmid), source, destination, '--perms', perms],
  snapshot: (vmid: number, name: string, description: string) => ['pct', 'snapshot', String(vmid), name, '--description', description],
  rollback: (vmid: number, name: string, start: boolean) => ['pct', 'rollback', String(vmid), name, ...(start ? ['--start', '1'] : [])],
  delsnapshot: (vmid: number, name: string) => ['pct', 'delsnapshot', String(vmid), name],
  /** Changes options of a container (cores and memory are hot-plugged on a running one). */
  set: (vmid: number, options: readonly PveOption[]) => ['pct', 'set', String(vmid), ...flags(options)],
};

/** API paths the provider reads. */
export const pvePaths = {
  nodeStatus: (node: string) => `/nodes/${node}/status`,
  clusterResources: '/cluster/resources',
  nextId: '/cluster/nextid',
  storages: (node: string) => `/nodes/${node}/storage`,
  storageContent: (node: string, storage: string) => `/nodes/${node}/storage/${storage}/content`,
  network: (node: string) => `/nodes/${node}/network`,
  containerStatus: (node: string, vmid: number) => `/nodes/${node}/lxc/${vmid}/status/current`,
  containerConfig: (node: string, vmid: number) => `/nodes/${node}/lxc/${vmid}/config`,
  containerInterfaces: (node: string, vmid: number) => `/nodes/${node}/lxc/${vmid}/interfaces`,
  snapshots: (node: string, vmid: number) => `/nodes/${node}/lxc/${vmid}/snapshot`,
};
