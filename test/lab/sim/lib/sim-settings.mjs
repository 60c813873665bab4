// SIMULATOR support: where the pct/pvesh stand-ins keep their state and what node they pretend to be.
// The lab writes sim.json when it brings the Proxmox-like host up; PVE_SIM_CONFIG points to it.
import { readFileSync } from 'node:fs';

/**
 * @typedef {{id: string, type: 'dir', path: string, content: string}} SimStorage
 * @typedef {{iface: string, cidr: string}} SimBridge
 * @typedef {{
 *   node: string, version: '8' | '9', schemaDir?: string, stateDir: string, lxcPath: string,
 *   storages: SimStorage[], bridges: SimBridge[], applyLimits: boolean, cgroupDir?: string,
 *   applianceDir?: string
 * }} SimSettings
 */

/** Reads the settings named by PVE_SIM_CONFIG. */
export function loadSettings(env = process.env) {
  const file = env.PVE_SIM_CONFIG;
  if (!file) {
    throw new Error('PVE_SIM_CONFIG is not set: this pct/pvesh is the homelab-tui lab SIMULATOR and runs only on a lab host');
  }
  /** @type {SimSettings} */
  const settings = JSON.parse(readFileSync(file, 'utf8'));
  return settings;
}

/** The PVE version strings the simulator reports. */
export function versionInfo(sim) {
  return sim.version === '8'
    ? { version: '8.4.2', release: '8.4', repoid: 'fa0b4f6b' }
    : { version: '9.1.3', release: '9.1', repoid: 'e5010dce' };
}
