// Shared by the quit test (test/e2e/faults/quit-with-hosts-away.test.ts) and its bench (bench/quit.mjs,
// which repeats the same two addresses in plain JS).
import { labHost, type LabManifest } from './lab.js';

/** The bound: from the key press to the process's end. */
export const QUIT_TARGET_MS = 500;

/**
 * Two lab addresses no machine has, so SSH connects to them hang (packets go nowhere): .250 on the bare
 * host's link (ARP gets no answer), and .250 of the guests' subnet (routed via the pve host onto its
 * bridge, where nothing answers; lab guests use .100–.199).
 */
export function awayAddresses(lab: LabManifest): [string, string] {
  const onLink = labHost('bare', lab).address.replace(/\.\d+$/, '.250');
  const behindBridge = lab.pve.guestSubnet.replace(/\.\d+\/\d+$/, '.250');
  return [onLink, behindBridge];
}
