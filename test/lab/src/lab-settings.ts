// The lab's settings, from the environment: a prefix and an address range per lab instance, so two
// labs on one machine never share a namespace, a veth, a state dir or an address.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LabSettings {
  /** Names namespaces ("hl-docker"), veths ("hlv1"), cgroups; 1–6 lower-case letters/digits. */
  prefix: string;
  /** First two octets of the lab's /16, e.g. "10.200". */
  net: string;
  /** How many more bare hosts to add for fleet tests. */
  extraHosts: number;
  stateDir: string;
  repoDir: string;
  pveVersion: '8' | '9';
}

export const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Reads LAB_PREFIX, LAB_NET, LAB_EXTRA_HOSTS, LAB_STATE_DIR and LAB_PVE_VERSION. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): LabSettings {
  const prefix = env.LAB_PREFIX ?? 'hl';
  if (!/^[a-z][a-z0-9]{0,5}$/.test(prefix)) throw new Error(`LAB_PREFIX must be 1-6 lower-case letters or digits, starting with a letter (got '${prefix}')`);
  const net = env.LAB_NET ?? '10.200';
  const octets = net.split('.').map(Number);
  if (octets.length !== 2 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255) || octets[0] !== 10) {
    throw new Error(`LAB_NET must be two octets inside 10.0.0.0/8, e.g. 10.200 (got '${net}')`);
  }
  const extraHosts = Number(env.LAB_EXTRA_HOSTS ?? '0');
  if (!Number.isInteger(extraHosts) || extraHosts < 0 || extraHosts > 150) throw new Error('LAB_EXTRA_HOSTS must be an integer from 0 to 150');
  const pveVersion = env.LAB_PVE_VERSION === '8' ? '8' : '9';
  const stateDir = resolve(env.LAB_STATE_DIR ?? join(REPO_DIR, 'test', 'lab', '.state', prefix));
  return { prefix, net, extraHosts, stateDir, repoDir: REPO_DIR, pveVersion };
}
