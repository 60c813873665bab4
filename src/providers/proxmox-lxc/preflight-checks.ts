import type { LxcInputs } from './inputs.js';
import type { PreflightItem } from '../provider.js';
import type { NodeFacts } from './node-facts.js';
import { chooseContainerId, chooseTemplate, type Choice } from './node-choices.js';

const MIB = 2 ** 20;
const GIB = 2 ** 30;

const mib = (bytes: number) => `${Math.floor(bytes / MIB)} MiB`;
const gib = (bytes: number) => `${(bytes / GIB).toFixed(1)} GiB`;

/** pct, pvesh and the files under /var/lib/homelab-tui need root, as Proxmox VE nodes are run. */
export function checkRootLogin(uid: number, host: string): PreflightItem {
  if (uid === 0) return { status: 'ok', label: 'Login', detail: `root on ${host}` };
  return { status: 'fail', label: 'Login', detail: `pct and pvesh need root, but the login on ${host} is uid ${uid}`, hint: 'connect to Proxmox VE nodes as root (host option --user root)' };
}

/** Requested memory against what the node has free, naming both and the recipe's minimum when short. */
export function checkMemory(facts: NodeFacts, inputs: LxcInputs): PreflightItem {
  const wanted = inputs.resources.memoryMiB;
  const free = facts.capacity.memoryAvailableBytes;
  const minimum = inputs.minimums.memoryMiB;
  if (wanted * MIB > free) {
    return {
      status: 'fail',
      label: 'Memory',
      detail: `${wanted} MiB requested, but node ${facts.node} has ${mib(free)} free`,
      hint:
        minimum * MIB <= free
          ? `ask for less (lxc_memory): ${inputs.app} needs at least ${minimum} MiB`
          : `free memory on ${facts.node} first: ${inputs.app} needs at least ${minimum} MiB`,
    };
  }
  if (wanted < minimum) {
    return { status: 'warn', label: 'Memory', detail: `${wanted} MiB is below the ${minimum} MiB ${inputs.app} needs`, hint: `set lxc_memory to at least ${minimum}M` };
  }
  return { status: 'ok', label: 'Memory', detail: `${wanted} MiB of ${mib(free)} free on ${facts.node}` };
}

export function checkCores(facts: NodeFacts, inputs: LxcInputs): PreflightItem {
  const wanted = inputs.resources.cores;
  const { cores } = facts.capacity;
  if (wanted > cores) {
    return { status: 'fail', label: 'CPU cores', detail: `${wanted} cores requested, but node ${facts.node} has ${cores}`, hint: `ask for at most ${cores} (lxc_cores); ${inputs.app} needs at least ${inputs.minimums.cores}` };
  }
  return { status: 'ok', label: 'CPU cores', detail: `${wanted} of ${cores} on ${facts.node}` };
}

/** The root disk's storage: it exists, is active, holds container volumes and has room. */
export function checkStorage(facts: NodeFacts, inputs: LxcInputs): PreflightItem {
  const { storage: id, diskGiB } = inputs.resources;
  const label = `Storage ${id}`;
  const usable = facts.storages.filter((s) => s.content.includes('rootdir')).map((s) => s.id);
  const storage = facts.storages.find((s) => s.id === id);
  const others = usable.length > 0 ? `storages for containers on ${facts.node}: ${usable.join(', ')}` : `${facts.node} has no storage for containers`;
  if (!storage) return { status: 'fail', label, detail: `node ${facts.node} has no storage "${id}"`, hint: `set lxc_storage; ${others}` };
  if (!storage.content.includes('rootdir')) return { status: 'fail', label, detail: `"${id}" does not hold container volumes (content: ${storage.content.join(', ')})`, hint: `set lxc_storage; ${others}` };
  if (!storage.enabled || !storage.active || storage.availBytes === undefined) {
    return { status: 'fail', label, detail: `"${id}" is not active on ${facts.node}`, hint: 'check it under Datacenter → Storage, or pick another' };
  }
  if (diskGiB * GIB > storage.availBytes) {
    return {
      status: 'fail',
      label,
      detail: `${diskGiB} GiB requested, but "${id}" has ${gib(storage.availBytes)} free`,
      hint: `free space on "${id}" or pick another storage; ${inputs.app} needs at least ${inputs.minimums.diskGiB} GiB`,
    };
  }
  return { status: 'ok', label, detail: `${diskGiB} GiB of ${gib(storage.availBytes)} free` };
}

export function checkBridge(facts: NodeFacts, inputs: LxcInputs): PreflightItem {
  const { bridge } = inputs.network;
  const label = `Bridge ${bridge}`;
  const found = facts.bridges.find((b) => b.name === bridge);
  if (!found) {
    const names = facts.bridges.map((b) => b.name);
    return { status: 'fail', label, detail: `node ${facts.node} has no bridge "${bridge}"`, hint: names.length ? `set lxc_bridge to one of: ${names.join(', ')}` : 'create a Linux bridge under System → Network' };
  }
  if (!found.active) return { status: 'warn', label, detail: `"${bridge}" exists but is not active`, hint: 'apply the pending network configuration on the node' };
  return { status: 'ok', label, detail: found.cidr ? `${bridge} (${found.cidr})` : bridge };
}

/** Static addresses without a gateway cannot reach package mirrors. */
export function checkNetwork(inputs: LxcInputs): PreflightItem | undefined {
  if (!inputs.needsInternet || inputs.network.ip === 'dhcp' || inputs.network.gateway) return undefined;
  return { status: 'warn', label: 'Internet access', detail: `${inputs.app} downloads packages, but ${inputs.network.ip} has no gateway`, hint: 'set lxc_gateway, or use dhcp' };
}

function choiceItem<T>(label: string, choice: Choice<T>): PreflightItem {
  return choice.ok ? { status: 'ok', label, detail: choice.detail } : { status: 'fail', label, detail: choice.reason, hint: choice.hint };
}

/** Every check that needs only what the node reported (the bind mounts are checked on the node itself). */
export function checkNodeFacts(facts: NodeFacts, inputs: LxcInputs, preferredTemplate?: string): PreflightItem[] {
  const network = checkNetwork(inputs);
  return [
    checkMemory(facts, inputs),
    checkCores(facts, inputs),
    checkStorage(facts, inputs),
    checkBridge(facts, inputs),
    ...(network ? [network] : []),
    choiceItem('Container id', chooseContainerId(facts.guests, facts.nextId, inputs.ctid)),
    choiceItem('Template', chooseTemplate(facts.templates, inputs.os, preferredTemplate)),
  ];
}
