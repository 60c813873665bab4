import type { HostFacts } from '../../platform/hosts/host-facts.js';
import { detectionOf, type HostDetection, type Support } from '../provider.js';

/**
 * A k3s server node: the provider runs kubectl there (k3s's own, reading /etc/rancher/k3s/k3s.yaml).
 * An agent node has no kubeconfig, and a bare kubectl is no cluster: both say where to go instead.
 */
export function detectK3s(facts: HostFacts): Support {
  const k3s = facts.tools.k3s;
  if (k3s?.server) return { ok: true, detail: `k3s ${k3s.version ?? ''} server`.replace(/\s+/g, ' ').trim() };
  if (k3s) return { ok: false, reason: `k3s ${k3s.version ?? ''} agent: install through the cluster's server node`.replace(/\s+/g, ' ') };
  if (facts.tools.kubectl) return { ok: false, reason: 'kubectl but no k3s on this host: add the k3s server node as the host' };
  return { ok: false, reason: 'no k3s on this host' };
}

/** k3s as the wizard and the host list see it. */
export const k3sDetection: HostDetection = detectionOf(detectK3s);
