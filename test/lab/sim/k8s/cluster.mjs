// kubectl SIMULATOR support: the cluster-scoped objects it answers with (nodes, the local-path
// storage class, Traefik's ingress class, the version), all built from the simulator's config.
// Nodes marked schedulingOnly (the arm64 "Raspberry Pi") take part in scheduling decisions only: the
// simulator never runs a container for them (this machine is amd64), see docs/k3s.md.

export const K3S_VERSION = 'v1.31.4+k3s1';

export function nodeObjects(sim) {
  return sim.nodes.map((node, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'kubernetes.io/arch': node.arch,
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': node.arch,
        ...(i === 0 ? { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/master': 'true' } : {}),
      },
      annotations: node.schedulingOnly ? { 'sim.homelab-tui.io/scheduling-only': 'true' } : {},
      creationTimestamp: sim.createdAt,
    },
    spec: { podCIDR: `10.42.${i}.0/24` },
    status: {
      capacity: { cpu: String(node.cpu), memory: node.memory, pods: '110' },
      allocatable: { cpu: String(node.cpu), memory: node.memory, pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: { architecture: node.arch, kubeletVersion: K3S_VERSION, containerRuntimeVersion: 'podman://simulator', operatingSystem: 'linux', osImage: 'Debian GNU/Linux 12 (bookworm)' },
    },
  }));
}

export function storageClasses() {
  return [
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
  ];
}

export function ingressClasses() {
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'traefik', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: 'traefik.io/ingress-controller' },
    },
  ];
}

export function versionInfo() {
  const v = { major: '1', minor: '31', gitVersion: K3S_VERSION, gitCommit: 'simulator', gitTreeState: 'clean', goVersion: 'go1.22.9', compiler: 'gc', platform: 'linux/amd64' };
  return { clientVersion: v, kustomizeVersion: 'v5.4.2', serverVersion: v };
}
