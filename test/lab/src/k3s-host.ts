// The k3s host: no Kubernetes can run here, so its `kubectl` and `k3s` are a SIMULATOR
// (test/lab/sim/kubectl.mjs) that checks objects against the v1.31 schemas and runs each pod as a
// real container on the host's own Podman. Its cluster has two nodes: the host (amd64, runs pods) and
// an arm64 "Raspberry Pi" that takes part in scheduling only (this machine cannot run arm64 images).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostContext } from './host-anchor.js';
import { inHost } from './host-anchor.js';
import { run } from './shell.js';
import type { BuiltImages } from './lab-images.js';
import type { LabSettings } from './lab-settings.js';
import { setupPodman } from './podman-host.js';
import type { LabK3s } from '../../support/lab-manifest.js';

export function setupK3s(s: LabSettings, host: HostContext, binDir: string, built: BuiltImages): { manifest: LabK3s; env: Record<string, string> } {
  const podman = setupPodman(host, built);
  const stateDir = join(host.dir, 'k3s-sim');
  mkdirSync(stateDir, { recursive: true });
  const nodes = [
    { name: host.hostname, arch: 'amd64', cpu: 2, memory: '4010852Ki', schedulingOnly: false },
    { name: `${s.prefix}-rpi`, arch: 'arm64', cpu: 4, memory: '8128392Ki', schedulingOnly: true },
  ];
  const config = join(stateDir, 'sim.json');
  writeFileSync(config, `${JSON.stringify({ stateDir, schemaDir: join(s.repoDir, 'test', 'fixtures', 'schemas', 'k8s'), nodes, createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }, null, 2)}\n`);
  const sim = join(s.repoDir, 'test', 'lab', 'sim', 'kubectl.mjs');
  const head = '#!/bin/sh\n# homelab-tui lab: kubectl SIMULATOR (not Kubernetes). See test/lab/README.md.\n';
  const kubectl = join(binDir, 'kubectl');
  writeFileSync(kubectl, `${head}K3S_SIM_CONFIG='${config}' exec '${process.execPath}' '${sim}' "$@"\n`);
  const k3s = join(binDir, 'k3s');
  writeFileSync(
    k3s,
    `${head}case "$1" in\n  --version|-v) echo 'k3s version v1.31.4+k3s1 (SIMULATOR)'; echo 'go version go1.22.9' ;;\n  kubectl) shift; K3S_SIM_CONFIG='${config}' exec '${process.execPath}' '${sim}' "$@" ;;\n  *) echo "k3s SIMULATOR: only --version and kubectl" >&2; exit 1 ;;\nesac\n`,
  );
  for (const f of [kubectl, k3s]) chmodSync(f, 0o755);
  // A k3s server has /etc/rancher/k3s/k3s.yaml (the host probe looks for it): a tmpfs on /etc/rancher
  // inside this host only (the empty mount point is the one trace in the machine's /etc).
  mkdirSync('/etc/rancher', { recursive: true });
  const ns = inHost(host.anchor);
  run(ns[0] as string, [...ns.slice(1), 'sh', '-c', 'mount -t tmpfs -o mode=0755 lab-k3s-etc /etc/rancher && mkdir -p /etc/rancher/k3s && printf "# homelab-tui lab: kubectl SIMULATOR, no API server\\napiVersion: v1\\nkind: Config\\n" > /etc/rancher/k3s/k3s.yaml && chmod 600 /etc/rancher/k3s/k3s.yaml']);
  return {
    manifest: { host: 'k3s', simulator: true, stateDir, nodes: nodes.map(({ name, arch, schedulingOnly }) => ({ name, arch, schedulingOnly })), images: podman.images },
    env: podman.env,
  };
}
