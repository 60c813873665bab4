import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { CommandError, UserError } from '../../platform/errors.js';
import type { PreflightItem } from '../provider.js';
import type { K3sInputs } from './inputs.js';
import { kubectl, kubectlJson } from './kubectl.js';
import { listSchema, nodeSchema, type K8sNode } from './objects.js';
import { bytesOf, cpuCores } from './quantities.js';
import { INSTANCE, MANAGED_BY } from './labels.js';

/**
 * Before an install: the cluster answers, its nodes (with their architecture), the storage class and
 * (for an Ingress) Traefik's ingress class exist, the namespace is free, and the nodes have the
 * recipe's minimum CPU and memory allocatable.
 */
export async function k3sPreflight(runner: CommandRunner, inputs: K3sInputs): Promise<PreflightItem[]> {
  const items: PreflightItem[] = [];
  const version = await runner.run(kubectl(['version', '-o', 'json'], { timeoutMs: 20_000 }));
  if (version.exitCode !== 0) {
    return [{ status: 'fail', label: 'Kubernetes cluster', detail: version.stderr.trim().split('\n').pop() ?? 'kubectl failed', hint: 'on the host: kubectl get nodes (k3s must run, and kubectl must reach it as root)' }];
  }
  const server = (JSON.parse(version.stdout) as { serverVersion?: { gitVersion?: string } }).serverVersion?.gitVersion ?? 'unknown version';
  items.push({ status: 'ok', label: 'Kubernetes cluster', detail: server });
  try {
    const nodes = listSchema.parse(await kubectlJson(runner, ['get', 'nodes'])).items.map((n) => nodeSchema.parse(n));
    const archs = nodes.map((n) => `${n.metadata.name} (${n.metadata.labels?.['kubernetes.io/arch'] ?? n.status?.nodeInfo?.architecture ?? '?'})`);
    items.push({ status: nodes.length ? 'ok' : 'fail', label: 'Nodes', detail: archs.join(', ') || 'none', ...(nodes.length ? {} : { hint: 'the cluster has no nodes' }) });
    if (inputs.architectures) items.push(architectureItem(inputs, nodes));
    // Only nodes the images can run on count (all of them when the recipe names no architectures).
    const usable = inputs.architectures ? nodes.filter((n) => inputs.architectures?.includes(n.metadata.labels?.['kubernetes.io/arch'] ?? '')) : nodes;
    const cpu = Math.max(0, ...usable.map((n) => cpuCores(n.status?.allocatable?.cpu ?? '0')));
    const memory = Math.max(0, ...usable.map((n) => bytesOf(n.status?.allocatable?.memory ?? '0')));
    const needMem = inputs.minimums.memoryMiB * 1024 * 1024;
    const enough = cpu >= inputs.minimums.cores && memory >= needMem;
    items.push({
      status: enough ? 'ok' : 'warn',
      label: 'Allocatable CPU and memory',
      detail: `largest node: ${cpu} cores, ${Math.floor(memory / 1024 / 1024)} MiB; ${inputs.app} needs ${inputs.minimums.cores} cores, ${inputs.minimums.memoryMiB} MiB`,
      ...(enough ? {} : { hint: 'the pods may stay Pending: free resources on a node or add one' }),
    });
    const classes = listSchema.parse(await kubectlJson(runner, ['get', 'storageclasses'])).items.map((c) => (c as { metadata?: { name?: string } }).metadata?.name ?? '');
    items.push(
      classes.includes(inputs.storageClass)
        ? { status: 'ok', label: 'Storage class', detail: inputs.storageClass }
        : { status: 'fail', label: 'Storage class', detail: `${inputs.storageClass} does not exist`, hint: `classes on this cluster: ${classes.join(', ') || 'none'} (--set k3s_storage_class=NAME)`, field: 'k3s_storage_class' },
    );
    if (inputs.ingress) {
      const ingress = listSchema.parse(await kubectlJson(runner, ['get', 'ingressclasses'])).items.map((c) => (c as { metadata?: { name?: string } }).metadata?.name ?? '');
      items.push(
        ingress.includes('traefik')
          ? { status: 'ok', label: 'Ingress controller', detail: 'traefik' }
          : { status: 'fail', label: 'Ingress controller', detail: 'no Traefik ingress class', hint: `ingress classes: ${ingress.join(', ') || 'none'}; leave k3s_ingress_host empty to install without an Ingress`, field: 'k3s_ingress_host' },
      );
    }
    items.push(await namespaceItem(runner, inputs.namespace));
  } catch (error) {
    if (error instanceof CommandError || error instanceof UserError) items.push({ status: 'fail', label: 'Kubernetes cluster', detail: error.message, hint: 'on the host: kubectl get nodes' });
    else throw error;
  }
  return items;
}

/** The recipe's images are built for some architectures only: pinned to such nodes, or refused when there are none. */
function architectureItem(inputs: K3sInputs, nodes: readonly K8sNode[]): PreflightItem {
  const wanted = inputs.architectures ?? [];
  const arch = (n: K8sNode) => n.metadata.labels?.['kubernetes.io/arch'] ?? n.status?.nodeInfo?.architecture ?? '?';
  const fit = nodes.filter((n) => wanted.includes(arch(n)));
  const built = `${inputs.app}'s images are built for ${wanted.join(', ')} only`;
  if (fit.length === 0) {
    return { status: 'fail', label: 'Node architecture', detail: `${built}; no node can run them (${nodes.map((n) => `${n.metadata.name}: ${arch(n)}`).join(', ')})`, hint: `add a ${wanted.join(' or ')} node to the cluster, or choose another provider` };
  }
  return { status: 'ok', label: 'Node architecture', detail: `${built}: pinned to ${fit.map((n) => n.metadata.name).join(', ')} (kubernetes.io/arch)` };
}

/**
 * The namespace must be free, or hold only what an uninstall kept (labelled by homelab-tui, no
 * workloads left): its PVCs are then reused, which the install asks to confirm (--reuse-data).
 */
async function namespaceItem(runner: CommandRunner, namespace: string): Promise<PreflightItem> {
  const ns = await runner.run(kubectl(['get', 'namespace', namespace, '--ignore-not-found', '-o', 'json']));
  if (ns.exitCode === 0 && ns.stdout.trim() === '') return { status: 'ok', label: 'Namespace', detail: `${namespace} is free` };
  const kept = await keptNamespace(runner, namespace, ns.stdout);
  if (kept) return { status: 'ok', label: 'Namespace', detail: `${namespace} holds only the kept data of "${kept}"` };
  return { status: 'fail', label: 'Namespace', detail: `${namespace} already exists`, hint: 'choose another: --set k3s_namespace=NAME', field: 'k3s_namespace' };
}

/** The deployment whose kept data a namespace holds (homelab-tui's labels, no workloads), or undefined. */
export async function keptNamespace(runner: CommandRunner, namespace: string, namespaceJson: string): Promise<string | undefined> {
  let labels: Record<string, string> = {};
  try {
    labels = (JSON.parse(namespaceJson) as { metadata?: { labels?: Record<string, string> } }).metadata?.labels ?? {};
  } catch {
    return undefined;
  }
  const owner = labels[INSTANCE];
  if (labels[MANAGED_BY] !== 'homelab-tui' || !owner) return undefined;
  const workloads = listSchema.parse(await kubectlJson(runner, ['get', 'deployments,statefulsets', '-n', namespace]));
  return workloads.items.length === 0 ? owner : undefined;
}
