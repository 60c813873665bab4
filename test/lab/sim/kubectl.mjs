#!/usr/bin/env node
// kubectl SIMULATOR for the homelab-tui test lab. NOT Kubernetes, NOT k3s.
//
// It answers the kubectl commands homelab-tui's k3s provider uses (version, get, apply --server-side,
// delete, logs, exec, rollout restart, scale, get --raw for the Service proxy), checks every applied object against
// the official v1.31 schemas strictly (test/fixtures/schemas/k8s), keeps the objects in its state
// folder, and realizes each Deployment's and StatefulSet's pods as real containers on this host's Podman, so readiness,
// probes, logs and restarts are real. The controller runs on every call instead of in the background.
// Nodes marked scheduling-only (the arm64 node) are used for scheduling decisions only.
import { cmdTop } from './k8s/top.mjs';
import { readFileSync } from 'node:fs';
import { applyObjects, deleteObject, parseDocuments } from './k8s/apply.mjs';
import { matches, parseArgs } from './k8s/args.mjs';
import { ingressClasses, nodeObjects, storageClasses, versionInfo } from './k8s/cluster.mjs';
import { deploymentView, isReady, podsOfDeployment, reconcile } from './k8s/controller.mjs';
import { KubeError, notFound, usage } from './k8s/errors.mjs';
import { containerName, podView } from './k8s/pods.mjs';
import { preloadContainers } from './k8s/podman.mjs';
import { apiVersionOf, KINDS, kindOf, quotedRef } from './k8s/resources.mjs';
import { podsOfStatefulSet, statefulSetView } from './k8s/statefulsets.mjs';
import { Store } from './k8s/store.mjs';
import { cmdExec, cmdLogs } from './k8s/streams.mjs';

const print = (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const json = (value) => print(JSON.stringify(value, null, 4));

function clusterObjects(sim, kind) {
  if (kind === 'Node') return nodeObjects(sim);
  if (kind === 'StorageClass') return storageClasses();
  if (kind === 'IngressClass') return ingressClasses();
  return undefined;
}

async function view(store, o) {
  if (o.kind === 'Deployment') return deploymentView(store, o);
  if (o.kind === 'StatefulSet') return statefulSetView(store, o);
  if (o.kind === 'Pod') return podView(o);
  if (o.kind === 'Secret') return o;
  return o;
}

async function cmdGet(sim, store, args) {
  if (args.flags['--raw'] !== undefined) return cmdRaw(sim, store, args.flags['--raw']);
  if (args.output !== 'json') throw usage('this kubectl SIMULATOR prints only -o json');
  const [what, ...names] = args.words.slice(1);
  if (!what) throw usage('You must specify the type of resource to get.');
  const kinds = what.split(',').map((w) => {
    const slash = w.indexOf('/');
    const k = kindOf(slash > 0 ? w.slice(0, slash) : w);
    if (!k) throw new KubeError(`error: the server doesn't have a resource type "${w}"`);
    if (slash > 0) names.push(w.slice(slash + 1));
    return k;
  });
  const ns = args.flags['-A'] || args.flags['--all-namespaces'] ? undefined : (args.namespace ?? 'default');
  const shown = [];
  const items = [];
  for (const kind of kinds) {
    const cluster = clusterObjects(sim, kind);
    const all = cluster ?? (KINDS[kind].namespaced ? store.list(kind, ns) : store.list(kind, ''));
    if (names.length > 0) {
      for (const name of names) {
        const found = all.find((o) => o.metadata.name === name);
        if (!found) {
          if (args.flags['--ignore-not-found']) continue;
          throw notFound(quotedRef(kind, name));
        }
        shown.push(found);
      }
    } else for (const o of all.filter((x) => matches(x, args.selector))) shown.push(o);
  }
  // One podman call for every container shown; the views probe pods' readiness all at once (50 pods
  // one after the other cost a second).
  preloadContainers(shown.flatMap((o) => (o.kind === 'Pod' ? [o] : o.kind === 'Deployment' ? podsOfDeployment(store, o) : o.kind === 'StatefulSet' ? podsOfStatefulSet(store, o) : [])).filter((p) => p.sim?.started).map(containerName));
  items.push(...(await Promise.all(shown.map((o) => view(store, o)))));
  if (names.length === 1 && kinds.length === 1 && items.length === 1) return json(items[0]);
  if (names.length === 1 && items.length === 0) return;
  json({ apiVersion: 'v1', kind: 'List', items: items.map((i) => ({ apiVersion: i.apiVersion ?? apiVersionOf(i.kind), ...i })), metadata: { resourceVersion: '' } });
}

/** GET through the API server's Service proxy: /api/v1/namespaces/NS/services/[scheme:]NAME[:PORT]/proxy/PATH */
async function cmdRaw(sim, store, path) {
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/services\/(?:(https?):)?([^/:]+)(?::([^/]+))?\/proxy(\/.*)?$/.exec(path);
  if (!m) throw new KubeError(`Error from server (NotFound): the server could not find the requested resource`);
  const [, ns, , name, port, rest] = m;
  const svc = store.get('Service', ns, name);
  if (!svc) throw notFound(quotedRef('Service', name));
  const sp = port ? svc.spec.ports.find((p) => p.name === port || String(p.port) === port) : svc.spec.ports[0];
  if (!sp) throw new KubeError(`Error from server (ServiceUnavailable): no endpoints available for service "${name}:${port}"`);
  const pods = store.list('Pod', ns).filter((p) => Object.entries(svc.spec.selector ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v));
  const views = await Promise.all(pods.map(podView));
  const at = views.findIndex(isReady);
  const ready = views[at];
  if (!ready) throw new KubeError(`Error from server (ServiceUnavailable): no endpoints available for service "${name}"`);
  const ip = ready.status.podIP;
  // A named targetPort is the port of that name in the endpoint pod's containers (as the endpoints controller resolves it).
  const target = typeof sp.targetPort === 'string' ? pods[at].spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === sp.targetPort)?.containerPort : (sp.targetPort ?? sp.port);
  if (target === undefined) throw new KubeError(`Error from server (ServiceUnavailable): no endpoints available for service "${name}"`);
  let res;
  try {
    res = await fetch(`http://${ip}:${target}${rest ?? '/'}`, { signal: AbortSignal.timeout(5000) });
  } catch (e) {
    throw new KubeError(`Error from server (ServiceUnavailable): error trying to reach service: ${e.cause?.code ?? e.message}`);
  }
  const body = await res.text();
  if (res.status >= 200 && res.status < 300) return process.stdout.write(body);
  throw new KubeError(`Error from server (InternalError): an error on the server ("${body.slice(0, 200)}") has prevented the request from succeeding`);
}

async function cmdApply(sim, store, args) {
  if (!args.flags['--server-side']) throw usage('this kubectl SIMULATOR applies only with --server-side');
  const file = args.flags['-f'] ?? args.flags['--filename'];
  if (!file) throw usage('must specify one of -f and -k');
  const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  let objects;
  try {
    objects = parseDocuments(text);
  } catch (e) {
    throw new KubeError(`error: error parsing ${file === '-' ? 'STDIN' : file}: ${e.message.split('\n')[0]}`);
  }
  const { out, errors } = applyObjects(sim, store, objects, { namespace: args.namespace, fieldManager: args.flags['--field-manager'] ?? 'kubectl' });
  if (out.length) print(out.join('\n'));
  await reconcile(sim, store);
  if (errors.length) throw new KubeError(errors.join('\n'));
}

async function cmdDelete(sim, store, args) {
  const [what, ...names] = args.words.slice(1);
  if (!what) throw usage('You must provide one or more resources by argument or filename.');
  // kubectl delete TYPE/NAME TYPE/NAME …: each one by itself (kubectl does not mix the two forms).
  if (what.includes('/')) {
    for (const ref of [what, ...names]) {
      const [type, name] = ref.split('/');
      if (!name) throw usage('there is no need to specify a resource type as a separate argument when passing arguments in resource/name form');
      await cmdDelete(sim, store, { ...args, words: [args.words[0], type, name] });
    }
    return;
  }
  const kinds = what.split(',').map((w) => {
    const k = kindOf(w);
    if (!k) throw new KubeError(`error: the server doesn't have a resource type "${w}"`);
    return k;
  });
  const ns = args.namespace ?? 'default';
  const lines = [];
  for (const kind of kinds) {
    const scopeNs = KINDS[kind].namespaced ? ns : '';
    const all = store.list(kind, scopeNs);
    const targets = names.length ? names.map((n) => all.find((o) => o.metadata.name === n) ?? n) : all.filter((o) => matches(o, args.selector));
    for (const t of targets) {
      if (typeof t === 'string') {
        if (args.flags['--ignore-not-found']) continue;
        throw notFound(quotedRef(kind, t));
      }
      deleteObject(sim, store, kind, scopeNs, t.metadata.name);
      lines.push(`${quotedRef(kind, t.metadata.name)} deleted`);
    }
  }
  await reconcile(sim, store);
  if (lines.length) print(lines.join('\n'));
  else if (!args.flags['--ignore-not-found']) process.stderr.write('No resources found\n');
}

/** A `deployment/NAME` or `statefulset/NAME` argument (or TYPE NAME) of rollout and scale: its kind and name. */
function workloadArg(first, second, what) {
  const [w, name] = second ? [first, second] : (first ?? '').split('/');
  const kind = kindOf(w ?? '');
  if ((kind !== 'Deployment' && kind !== 'StatefulSet') || !name) throw usage(`this kubectl SIMULATOR ${what} only deployment/NAME and statefulset/NAME`);
  return { kind, name };
}

async function cmdRollout(sim, store, args) {
  const [, sub, ref] = args.words;
  if (sub !== 'restart') throw usage(`this kubectl SIMULATOR supports only rollout restart (not ${sub})`);
  const { kind, name } = workloadArg(ref, undefined, 'restarts');
  const ns = args.namespace ?? 'default';
  const d = store.get(kind, ns, name);
  if (!d) throw notFound(quotedRef(kind, name));
  d.spec.template.metadata ??= {};
  d.spec.template.metadata.annotations = { ...(d.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() };
  const [{ errors }] = [applyObjects(sim, store, [stripServerFields(d)], { namespace: ns, fieldManager: 'kubectl-rollout' })];
  if (errors.length) throw new KubeError(errors.join('\n'));
  await reconcile(sim, store);
  print(`${kind.toLowerCase()}.apps/${name} restarted`);
}

/** `kubectl scale deployment/NAME --replicas=N` (or statefulset/NAME, or TYPE NAME): the controller then adds or removes pods. */
async function cmdScale(sim, store, args) {
  const [, first, second] = args.words;
  const { kind, name } = workloadArg(first, second, 'scales');
  const replicas = Number(args.flags['--replicas']);
  if (args.flags['--replicas'] === undefined || !Number.isInteger(replicas) || replicas < 0) throw usage('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const ns = args.namespace ?? 'default';
  const d = store.get(kind, ns, name);
  if (!d) throw notFound(quotedRef(kind, name));
  d.spec.replicas = replicas;
  const { errors } = applyObjects(sim, store, [stripServerFields(d)], { namespace: ns, fieldManager: 'kubectl' });
  if (errors.length) throw new KubeError(errors.join('\n'));
  await reconcile(sim, store);
  print(`${kind.toLowerCase()}.apps/${name} scaled`);
}

function stripServerFields(o) {
  const { uid, creationTimestamp, resourceVersion, generation, managedFields, ...metadata } = o.metadata;
  void uid, creationTimestamp, resourceVersion, generation, managedFields;
  const annotations = Object.fromEntries(Object.entries(metadata.annotations ?? {}).filter(([k]) => !k.startsWith('sim.homelab-tui.io/')));
  return { apiVersion: o.apiVersion, kind: o.kind, metadata: { ...metadata, annotations }, spec: o.spec };
}

async function main(argv) {
  const configFile = process.env.K3S_SIM_CONFIG;
  if (!configFile) throw new KubeError('K3S_SIM_CONFIG is not set: this kubectl is the homelab-tui lab SIMULATOR and runs only on a lab host');
  const sim = JSON.parse(readFileSync(configFile, 'utf8'));
  const args = parseArgs(argv);
  const store = new Store(sim.stateDir);
  const [command] = args.words;
  switch (command) {
    case 'version':
      return args.output === 'json' ? json(versionInfo()) : print(`Client Version: ${versionInfo().clientVersion.gitVersion}\nServer Version: ${versionInfo().serverVersion.gitVersion}`);
    case 'get':
      // A GET through the Service proxy reads only: no lock (a status's probes need not queue behind the controller).
      if (args.flags['--raw'] !== undefined) return cmdRaw(sim, store, args.flags['--raw']);
      return store.locked(async () => {
        await reconcile(sim, store);
        await cmdGet(sim, store, args);
      });
    case 'apply':
      return store.locked(() => cmdApply(sim, store, args));
    case 'delete':
      return store.locked(() => cmdDelete(sim, store, args));
    case 'rollout':
      return store.locked(() => cmdRollout(sim, store, args));
    case 'scale':
      return store.locked(() => cmdScale(sim, store, args));
    case 'logs':
      return cmdLogs(sim, store, args);
    case 'exec':
      return cmdExec(sim, store, args);
    case 'top':
      return cmdTop(store, args, print);
    default:
      throw usage(`this kubectl SIMULATOR does not know the command "${command ?? ''}"`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof KubeError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`kubectl SIMULATOR internal error: ${error?.stack ?? error}\n`);
  process.exit(3);
}
