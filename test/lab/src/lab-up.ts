// `lab:up`: builds every host, starts its daemons, writes the manifest. Idempotent: a lab that is
// already fully up is left alone; a half-built or crashed one is torn down first and built again.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabHost, LabManifest } from '../../support/lab-manifest.js';
import { startDocker } from './docker-host.js';
import { setupK3s } from './k3s-host.js';
import { startDatabases } from './db-host.js';
import type { HostContext } from './host-anchor.js';
import { inHost, restorePrivateDirs, startAnchor } from './host-anchor.js';
import { planHosts, type PlannedHost } from './host-plan.js';
import { buildImages } from './lab-images.js';
import { emptyState, loadState, saveState, type LabState } from './lab-state.js';
import type { LabSettings } from './lab-settings.js';
import { labDown } from './lab-down.js';
import { labIsHealthy } from './lab-status.js';
import { addSafetyRoute, createHostNetwork, labRange, linkProxyHost, netnsExists, nftTables, readIpForward, routeGuestSubnet } from './network.js';
import { setupPodman } from './podman-host.js';
import { setupPve } from './pve-host.js';
import { hideForeignTools, TOOLS } from './host-tools.js';
import { startAptProxy } from './apt-proxy.js';
import { debianTemplate } from './debian-template.js';
import { run, waitFor } from './shell.js';
import { createClientKey, hostKey, sshdReady, sshFiles, startSshd, writeClientFiles, writeSshdConfig } from './ssh-setup.js';
import { manifestPath } from './manifest-file.js';

const BASE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function refuseForeignNamespaces(s: LabSettings, plan: PlannedHost[]): void {
  const foreign = plan.filter((h) => netnsExists(h.netns)).map((h) => h.netns);
  if (foreign.length > 0) {
    throw new Error(`namespaces ${foreign.join(', ')} exist but this lab (state dir ${s.stateDir}) did not record them: another lab uses prefix '${s.prefix}'. Pick another LAB_PREFIX and LAB_NET.`);
  }
}

function mountDataDisk(host: HostContext, bytes: number): string {
  const path = join(host.dir, 'data');
  mkdirSync(path, { recursive: true });
  const ns = inHost(host.anchor);
  run(ns[0] as string, [...ns.slice(1), 'mount', '-t', 'tmpfs', '-o', `size=${bytes}`, `lab-data-${host.name}`, path]);
  return path;
}

export async function labUp(s: LabSettings): Promise<LabManifest> {
  const started = Date.now();
  const previous = loadState(s.stateDir);
  if (previous && existsSync(manifestPath(s.stateDir)) && labIsHealthy(s)) {
    for (const anchor of previous.processes.filter((p) => p.name === 'anchor')) {
      const restored = restorePrivateDirs(anchor);
      if (restored.length > 0) console.log(`${anchor.host}: mounted its private ${restored.join(', ')} again (the directory was removed on this machine)`);
    }
    console.log(`lab '${s.prefix}' is already up (${manifestPath(s.stateDir)})`);
    return JSON.parse(readFileSync(manifestPath(s.stateDir), 'utf8')) as LabManifest;
  }
  if (previous) {
    console.log(`lab '${s.prefix}' is half up (an earlier run crashed?): tearing it down first`);
    await labDown(s);
  }
  const plan = planHosts(s);
  refuseForeignNamespaces(s, plan);
  rmSync(s.stateDir, { recursive: true, force: true });
  mkdirSync(s.stateDir, { recursive: true });
  const state: LabState = { ...emptyState(s.prefix, s.net), ipForwardBefore: readIpForward(), nftTablesBefore: nftTables() };
  saveState(s.stateDir, state);

  addSafetyRoute(s, state, s.stateDir);
  const byName = new Map(plan.map((h) => [h.name, h]));
  for (const host of plan) createHostNetwork(host, byName, state, s.stateDir);
  const pvePlan = byName.get('pve') as PlannedHost;
  routeGuestSubnet(s, pvePlan, state, s.stateDir);
  const proxyPlan = plan.find((h) => h.roles.includes('proxy')) as PlannedHost;
  const proxyUpstreams = linkProxyHost(s, proxyPlan, { docker: byName.get('docker') as PlannedHost, pve: pvePlan });
  const debian = await debianTemplate();
  if (debian.builtSeconds === 0) console.log(`Debian 12 guest template ${debian.name} from the machine's cache (${debian.path})`);
  const aptProxy = await startAptProxy(state, s.stateDir, s.prefix, pvePlan.rootAddress as string);
  const built = buildImages(join(s.stateDir, 'images'), join(s.repoDir, 'test', 'lab', 'app'));

  const contexts = new Map<string, HostContext>();
  for (const host of plan) contexts.set(host.name, await startAnchor(state, s.stateDir, host.name, host.netns, host.alias));
  const ctx = (name: string) => contexts.get(name) as HostContext;
  const env = new Map<string, Record<string, string>>();
  for (const host of plan) {
    const bin = join(ctx(host.name).dir, 'bin');
    mkdirSync(bin, { recursive: true });
    env.set(host.name, { PATH: `${bin}:${BASE_PATH}` });
    hideForeignTools(ctx(host.name), BASE_PATH);
  }

  // The engines. Docker and the databases wait on daemons, so they start side by side.
  symlinkSync('/usr/bin/docker', join(ctx('docker').dir, 'bin', 'docker')); // the CLI that matches dockerd
  const [docker, databases] = await Promise.all([
    startDocker(state, s.stateDir, ctx('docker'), s.prefix, built),
    startDatabases(state, s.stateDir, ctx('db'), (byName.get('db') as PlannedHost).address, s.net),
  ]);
  Object.assign(env.get('docker') as object, { DOCKER_HOST: `unix://${docker.socket}` });
  const podman = setupPodman(ctx('podman'), built);
  Object.assign(env.get('podman') as object, podman.env);
  const pve = setupPve(s, state, ctx('pve'), join(ctx('pve').dir, 'bin'), built, debian, aptProxy);
  const dataDisks = new Map<string, { path: string; sizeBytes: number }>();
  for (const host of plan) {
    if (host.dataDiskBytes) dataDisks.set(host.name, { path: mountDataDisk(ctx(host.name), host.dataDiskBytes), sizeBytes: host.dataDiskBytes });
  }
  dataDisks.set('pve', { path: pve.storage.path, sizeBytes: pve.storage.sizeBytes });
  // The k3s host: Podman with the lab images, and the kubectl/k3s SIMULATOR (its env before sshd's config).
  const k3s = setupK3s(s, ctx('k3s'), join(ctx('k3s').dir, 'bin'), built);
  Object.assign(env.get('k3s') as object, k3s.env);

  // sshd last, so a host answers ssh only when everything on it is ready.
  const files = sshFiles(s.stateDir);
  createClientKey(files);
  const keys = new Map<string, string>();
  for (const host of plan) {
    const key = hostKey(ctx(host.name));
    keys.set(host.name, key.line);
    await startSshd(state, s.stateDir, ctx(host.name), writeSshdConfig(ctx(host.name), host, files, key.path, env.get(host.name) ?? {}));
  }
  for (const host of plan) await waitFor(`sshd on ${host.name}`, () => sshdReady(ctx(host.name)), 10_000);
  writeClientFiles(
    files,
    plan.map((h) => ({ alias: h.alias, address: h.address, hostKey: keys.get(h.name) as string, ...(h.jump ? { proxyJumpAlias: `${s.prefix}-${h.jump.host}` } : {}) })),
  );

  const hosts: LabHost[] = plan.map((h) => ({
    name: h.name,
    alias: h.alias,
    address: h.address,
    port: 22,
    user: 'root',
    roles: h.roles,
    tools: TOOLS[h.name] ?? [],
    netns: h.netns,
    linkDevice: h.rootVeth ?? h.jump?.device ?? '',
    linkNetns: h.jump ? (byName.get(h.jump.host) as PlannedHost).netns : '',
    ...(h.jump ? { proxyJump: h.jump.host } : {}),
    hostKey: keys.get(h.name) as string,
    env: env.get(h.name) ?? {},
    ...(dataDisks.has(h.name) ? { dataDisk: dataDisks.get(h.name) } : {}),
  }));
  const manifest: LabManifest = {
    version: 1,
    prefix: s.prefix,
    net: s.net,
    range: labRange(s),
    stateDir: s.stateDir,
    createdAt: new Date().toISOString(),
    ssh: { user: 'root', privateKey: files.privateKey, publicKey: files.publicKey, knownHosts: files.knownHosts, config: files.config },
    hosts,
    docker: { host: 'docker', socket: docker.socket, images: docker.images },
    podman: { host: 'podman', containersConf: podman.containersConf, storageConf: podman.storageConf, images: podman.images },
    pve,
    k3s: k3s.manifest,
    proxy: { host: proxyPlan.name, upstreams: proxyUpstreams },
    databases,
    app: {
      port: 8080,
      health: { path: '/health', body: 'ok', badStatus: 500, badBody: 'database unreachable' },
      versionPath: '/version',
      dataDir: '/data',
      guestBundle: built.guestBundle,
    },
  };
  writeFileSync(manifestPath(s.stateDir), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`lab '${s.prefix}' up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${hosts.length} hosts on ${labRange(s)}; manifest ${manifestPath(s.stateDir)}`);
  return manifest;
}
