import type { HostFacts } from '../../platform/hosts/host-facts.js';
import { detectionOf, type HostDetection, type Support } from '../provider.js';

/** A k3s server, or a kubectl to reach a cluster with, or why neither. */
export function detectK3s(facts: HostFacts): Support {
  if (facts.tools.k3s?.server) return { ok: true, detail: `k3s ${facts.tools.k3s.version ?? ''}`.trim() };
  if (facts.tools.kubectl) return { ok: true, detail: 'kubectl' };
  return { ok: false, reason: 'no k3s server or kubectl on this host' };
}

/** k3s is detected (the wizard shows the cluster it found); until its module has `create`, the registry says it cannot install yet. */
export const k3sDetection: HostDetection = detectionOf(detectK3s);
