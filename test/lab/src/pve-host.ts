// The Proxmox-like host: bridge vmbr0 with routed guests, a "local" dir storage on a small tmpfs (so
// free space is real and can run out), the busybox template in it, and the pct/pvesh SIMULATORS on
// the host's PATH, driving real LXC.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HostContext } from './host-anchor.js';
import { inHost } from './host-anchor.js';
import { GUEST_OCTET } from './host-plan.js';
import { LXC_TEMPLATE, type BuiltImages } from './lab-images.js';
import type { LabState } from './lab-state.js';
import { remember } from './lab-state.js';
import type { LabSettings } from './lab-settings.js';
import { run } from './shell.js';
import type { DebianTemplate } from './debian-template.js';
import type { LabPve } from '../../support/lab-manifest.js';

// 3 GiB: room for the Debian template (60 MB) and one Debian guest with a 2 GiB root disk request beside the busybox ones.
export const PVE_STORAGE_BYTES = 3 * 1024 * 1024 * 1024;

export function setupPve(s: LabSettings, state: LabState, host: HostContext, binDir: string, built: BuiltImages, debian: DebianTemplate, aptProxy: string): LabPve {
  const simDir = join(host.dir, 'pve-sim');
  const storagePath = join(host.dir, 'storage', 'local');
  const lxcPath = join(host.dir, 'lxc');
  for (const d of [simDir, storagePath, lxcPath, binDir]) mkdirSync(d, { recursive: true });
  const ns = inHost(host.anchor);
  // Mounted inside the host only: the root namespace never sees this tmpfs.
  run(ns[0] as string, [...ns.slice(1), 'mount', '-t', 'tmpfs', '-o', `size=${PVE_STORAGE_BYTES}`, 'lab-pve-local', storagePath]);
  run(ns[0] as string, [...ns.slice(1), 'mkdir', '-p', join(storagePath, 'template', 'cache'), join(storagePath, 'images')]);
  run(ns[0] as string, [...ns.slice(1), 'cp', built.lxcTemplate, join(storagePath, 'template', 'cache', LXC_TEMPLATE)]);
  const cgroupDir = `${s.prefix}-pve`;
  remember(s.stateDir, state, 'cgroupDirs', cgroupDir);
  const bridgeCidr = `${s.net}.${GUEST_OCTET}.1/24`;
  const simConfig = join(simDir, 'sim.json');
  writeFileSync(
    simConfig,
    `${JSON.stringify(
      {
        node: host.hostname,
        version: s.pveVersion,
        schemaDir: join(s.repoDir, 'test', 'fixtures', 'schemas'),
        stateDir: simDir,
        lxcPath,
        cgroupDir,
        applyLimits: true,
        storages: [{ id: 'local', type: 'dir', path: storagePath, content: 'vztmpl,iso,backup,rootdir,images' }],
        bridges: [{ iface: 'vmbr0', cidr: bridgeCidr }],
        // The appliance catalogue (aplinfo, pveam download): the machine's cached Debian template.
        applianceDir: dirname(debian.path),
      },
      null,
      2,
    )}\n`,
  );
  for (const tool of ['pct', 'pvesh']) {
    const wrapper = join(binDir, tool);
    writeFileSync(
      wrapper,
      `#!/bin/sh\n# homelab-tui lab: ${tool} SIMULATOR (not Proxmox VE). See test/lab/README.md.\n` +
        `PVE_SIM_CONFIG='${simConfig}' exec '${process.execPath}' '${join(s.repoDir, 'test', 'lab', 'sim', `${tool}.mjs`)}' "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
  }
  return {
    host: 'pve',
    node: host.hostname,
    version: s.pveVersion,
    simulator: true,
    bridge: 'vmbr0',
    guestSubnet: `${s.net}.${GUEST_OCTET}.0/24`,
    gateway: `${s.net}.${GUEST_OCTET}.1`,
    guestAddresses: { first: `${s.net}.${GUEST_OCTET}.100`, last: `${s.net}.${GUEST_OCTET}.199` },
    storage: { id: 'local', path: storagePath, sizeBytes: PVE_STORAGE_BYTES },
    templates: [`local:vztmpl/${LXC_TEMPLATE}`],
    debianTemplate: `local:vztmpl/${debian.name}`,
    aptProxy,
    stateDir: simDir,
  };
}
