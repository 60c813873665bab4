// kubectl SIMULATOR support: pods. A pod is kept as an object; its container runs on the host's Podman
// (named k8s_<container>_<pod>_<namespace>, as the kubelet's dockershim named them). Its status is read
// from Podman on every `get`, readiness by running the readiness probe against the container's address.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { containerIp, forgetContainers, imageExists, inspect, podman, removeContainer } from './podman.mjs';
import { nodeObjects } from './cluster.mjs';

export const HASH_LABEL = 'pod-template-hash';

export function templateHash(template) {
  return createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 10).replace(/[^a-z0-9]/g, 'x');
}

export function containerName(pod) {
  const c = pod.spec.containers[0];
  return `k8s_${c.name}_${pod.metadata.name}_${pod.metadata.namespace}`;
}

export function pvcDir(sim, pvc) {
  return join(sim.stateDir, 'storage', `pvc-${pvc.metadata.uid}_${pvc.metadata.namespace}_${pvc.metadata.name}`);
}

/** The node affinity terms the simulator understands: required matchExpressions with In / NotIn. */
function affinityFits(pod, labels) {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => (t.matchExpressions ?? []).every((e) => (e.operator === 'In' ? e.values.includes(labels[e.key]) : e.operator === 'NotIn' ? !e.values.includes(labels[e.key]) : true)));
}

/**
 * Picks a node for the pod among those matching its nodeSelector and node affinity, scoring like the
 * default scheduler's LeastAllocated: the node with the most allocatable CPU wins (in the lab that is
 * the arm64 node, which is scheduling-only: a pod not pinned to amd64 lands there and never runs).
 */
function schedule(sim, pod) {
  const selector = pod.spec.nodeSelector ?? {};
  const nodes = nodeObjects(sim);
  const fits = nodes.filter((n) => Object.entries(selector).every(([k, v]) => n.metadata.labels[k] === v) && affinityFits(pod, n.metadata.labels));
  if (fits.length === 0) {
    const n = nodes.length;
    return { message: `0/${n} nodes are available: ${n} node(s) didn't match Pod's node affinity/selector. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.` };
  }
  const cpu = (n) => Number(n.status.allocatable.cpu);
  return { node: [...fits].sort((a, b) => cpu(b) - cpu(a))[0] };
}

function envLines(store, pod, container) {
  const lines = [];
  for (const e of container.env ?? []) {
    let value = e.value ?? '';
    const ref = e.valueFrom?.secretKeyRef;
    if (ref) {
      const secret = store.get('Secret', pod.metadata.namespace, ref.name);
      const data = secret?.data?.[ref.key];
      if (data === undefined) return { error: `Error: secret "${ref.name}" not found` };
      value = Buffer.from(data, 'base64').toString('utf8');
    }
    if (/[\n\r]/.test(value)) return { error: `environment variable ${e.name} holds a line break (the simulator's env file cannot carry it)` };
    lines.push(`${e.name}=${value}`);
  }
  return { lines };
}

/**
 * Creates a pod of a workload and starts its container when it can; what blocks it stays in the pod's
 * sim state. A Deployment's pod is NAME-HASH-RANDOM through its ReplicaSet; a StatefulSet passes the
 * stable name (NAME-0), its labels and itself as the owner.
 */
export function createPod(sim, store, owner, template, hash, stateful) {
  const name = stateful?.name ?? `${owner.metadata.name}-${hash}-${randomBytes(3).toString('hex').slice(0, 5)}`;
  const ns = owner.metadata.namespace;
  const ownerRef = stateful
    ? { apiVersion: 'apps/v1', kind: 'StatefulSet', name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }
    : { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${owner.metadata.name}-${hash}`, uid: owner.metadata.uid, controller: true };
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      labels: { ...(template.metadata?.labels ?? {}), ...(stateful?.labels ?? { [HASH_LABEL]: hash }) },
      ownerReferences: [ownerRef],
      annotations: {},
    },
    spec: { ...JSON.parse(JSON.stringify(template.spec)), ...(stateful?.spec ?? {}) },
    sim: { owner: owner.metadata.name, ownerKind: owner.kind },
  };
  store.stamp(pod, undefined, true);
  placePod(sim, store, pod);
  return pod;
}

/**
 * Binds a new pod to a node (its spec.nodeName when set, as the kubelet takes such a pod without the
 * scheduler; else the scheduler's pick), stores it and starts its container when it can.
 */
export function placePod(sim, store, pod) {
  const named = pod.spec.nodeName ? nodeObjects(sim).find((n) => n.metadata.name === pod.spec.nodeName) : undefined;
  const placed = pod.spec.nodeName ? (named ? { node: named } : { message: `SIMULATOR: node "${pod.spec.nodeName}" not found; the pod stays Pending` }) : schedule(sim, pod);
  if (!placed.node) {
    pod.sim.unschedulable = placed.message;
  } else {
    pod.spec.nodeName = placed.node.metadata.name;
    if (placed.node.metadata.annotations['sim.homelab-tui.io/scheduling-only'] === 'true') {
      pod.sim.waiting = { reason: 'ContainerCreating', message: `SIMULATOR: node ${placed.node.metadata.name} (${placed.node.metadata.labels['kubernetes.io/arch']}) is scheduling-only; no container runs there` };
    }
  }
  store.put(pod);
  startPod(sim, store, pod);
}

/** Starts the pod's container if it is scheduled and nothing blocks it (image, claims, secrets). */
export function startPod(sim, store, pod) {
  if (pod.sim.unschedulable || pod.sim.started || pod.sim.waiting?.reason === 'ContainerCreating') return;
  const c = pod.spec.containers[0];
  if (!imageExists(c.image)) {
    pod.sim.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` };
    store.put(pod);
    return;
  }
  const mounts = [];
  for (const m of c.volumeMounts ?? []) {
    const v = (pod.spec.volumes ?? []).find((x) => x.name === m.name);
    let source;
    if (v?.persistentVolumeClaim) {
      const pvc = store.get('PersistentVolumeClaim', pod.metadata.namespace, v.persistentVolumeClaim.claimName);
      if (!pvc) {
        pod.sim.unschedulable = `0/${sim.nodes.length} nodes are available: persistentvolumeclaim "${v.persistentVolumeClaim.claimName}" not found. preemption: 0/${sim.nodes.length} nodes are available: ${sim.nodes.length} Preemption is not helpful for scheduling.`;
        store.put(pod);
        return;
      }
      source = pvcDir(sim, pvc);
      mkdirSync(source, { recursive: true });
    } else if (v?.hostPath) {
      source = v.hostPath.path;
      if (!existsSync(source)) {
        pod.sim.waiting = { reason: 'ContainerCreating', message: `MountVolume.SetUp failed for volume "${v.name}" : hostPath type check failed: ${source} is not a directory` };
        store.put(pod);
        return;
      }
    } else continue;
    mounts.push('-v', `${source}:${m.mountPath}${m.readOnly ? ':ro' : ''}`);
  }
  const env = envLines(store, pod, c);
  if (env.error) {
    pod.sim.waiting = { reason: 'CreateContainerConfigError', message: env.error };
    store.put(pod);
    return;
  }
  const envDir = join(sim.stateDir, 'env');
  mkdirSync(envDir, { recursive: true, mode: 0o700 });
  const envFile = join(envDir, `${pod.metadata.namespace}_${pod.metadata.name}.env`);
  writeFileSync(envFile, env.lines.length ? `${env.lines.join('\n')}\n` : '', { mode: 0o600 });
  const user = c.securityContext?.runAsUser !== undefined ? ['--user', `${c.securityContext.runAsUser}${c.securityContext.runAsGroup !== undefined ? `:${c.securityContext.runAsGroup}` : ''}`] : [];
  const args = ['run', '-d', '--name', containerName(pod), '--label', `io.homelab-tui.sim.pod=${pod.metadata.namespace}/${pod.metadata.name}`, '--restart=always', '--pull=never', '--init', '--env-file', envFile, ...mounts, ...user];
  if (c.command) args.push('--entrypoint', JSON.stringify(c.command));
  args.push(c.image, ...(c.args ?? []));
  const r = podman(args);
  forgetContainers();
  if (r.status !== 0) {
    pod.sim.waiting = { reason: 'RunContainerError', message: r.stderr.trim().split('\n').pop() ?? 'podman run failed' };
  } else {
    delete pod.sim.waiting;
    pod.sim.started = true;
  }
  store.put(pod);
}

export function deletePod(sim, store, pod) {
  removeContainer(containerName(pod));
  rmSync(join(sim.stateDir, 'env', `${pod.metadata.namespace}_${pod.metadata.name}.env`), { force: true });
  store.remove('Pod', pod.metadata.namespace, pod.metadata.name);
}

// One readiness answer per pod address and probe in a kubectl call (a pod's view and its Deployment's both ask).
const probed = new Map();

function probeOk(probe, ip) {
  const key = `${ip}|${JSON.stringify(probe)}`;
  if (!probed.has(key)) probed.set(key, probeWithThreshold(probe, ip));
  return probed.get(key);
}

// A kubelet marks a ready pod unready only after failureThreshold (default 3) failures in a row, so
// one slow answer on a loaded node does not flip it. SIMULATED: the simulator keeps no state between
// calls, so it tries up to that many times now, 200 ms apart, and calls the pod ready on any pass.
async function probeWithThreshold(probe, ip) {
  const tries = Math.max(1, Math.min(probe?.failureThreshold ?? 3, 3));
  for (let i = 0; i < tries; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 200));
    if (await runProbe(probe, ip)) return true;
  }
  return false;
}

// node:http rather than fetch: 50 probes at once through fetch (undici) cost over a second of CPU on
// a loaded 2-core machine, as much as the rest of a get; the kubelet's probe is a plain HTTP GET too.
function httpProbe(ip, port, path) {
  return new Promise((resolve) => {
    const req = http.get({ host: ip, port, path, timeout: 1500, agent: false, headers: { 'User-Agent': 'kube-probe/1.31' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode >= 200 && res.statusCode < 400));
      res.on('error', () => resolve(false));
      res.on('close', () => resolve(false));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
  });
}

async function runProbe(probe, ip) {
  if (!probe) return true;
  if (!ip) return false;
  if (probe.httpGet) return httpProbe(ip, probe.httpGet.port, probe.httpGet.path ?? '/');
  if (probe.tcpSocket) {
    const net = await import('node:net');
    return new Promise((resolve) => {
      const s = net.connect({ host: ip, port: probe.tcpSocket.port, timeout: 1500 }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
      s.on('timeout', () => {
        s.destroy();
        resolve(false);
      });
    });
  }
  return true;
}

/** The pod as `kubectl get pod -o json` shows it: its status read from Podman now. */
export async function podView(pod) {
  const c = pod.spec.containers[0];
  const { sim, ...view } = JSON.parse(JSON.stringify(pod));
  const scheduled = !sim.unschedulable;
  const info = sim.started ? inspect(containerName(pod)) : undefined;
  const ip = containerIp(info);
  const running = info?.State?.Status === 'running';
  const restarts = info?.RestartCount ?? 0;
  const ready = running && (await probeOk(c.readinessProbe, ip));
  let state;
  let lastState = {};
  if (running) state = { running: { startedAt: info.State.StartedAt } };
  else if (info) {
    state = { waiting: { reason: restarts > 0 || info.State.ExitCode !== 0 ? 'CrashLoopBackOff' : 'ContainerCreating', message: `back-off restarting failed container ${c.name} in pod ${pod.metadata.name}` } };
    lastState = { terminated: { exitCode: info.State.ExitCode ?? 0, reason: 'Error', finishedAt: info.State.FinishedAt } };
  } else if (sim.started) state = { terminated: { exitCode: 137, reason: 'ContainerMissing', message: 'the container is gone from the host' } };
  else state = { waiting: sim.waiting ?? { reason: 'ContainerCreating' } };
  const cond = (type, ok, extra = {}) => ({ type, status: ok ? 'True' : 'False', ...extra });
  view.status = {
    phase: !scheduled || !info ? 'Pending' : 'Running',
    conditions: [
      cond('PodScheduled', scheduled, scheduled ? {} : { reason: 'Unschedulable', message: sim.unschedulable }),
      cond('Initialized', scheduled),
      cond('ContainersReady', ready),
      cond('Ready', ready),
    ],
    ...(pod.spec.nodeName ? { hostIP: '127.0.0.1' } : {}),
    ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
    startTime: pod.metadata.creationTimestamp,
    containerStatuses: scheduled
      ? [{ name: c.name, image: c.image, imageID: info?.Image ?? '', ready, started: running, restartCount: restarts, state, lastState, ...(info ? { containerID: `podman://${info.Id}` } : {}) }]
      : undefined,
  };
  if (!view.status.containerStatuses) delete view.status.containerStatuses;
  return view;
}
