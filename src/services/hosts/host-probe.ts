import type { ComposeFlavour, ComposeTool, HostFacts, ToolInfo } from './host-facts.js';

/**
 * One round trip gathers everything: a constant POSIX sh script (no interpolated values), run as
 * `sh -c PROBE_SCRIPT`. It prints `key=value` lines in any order, one value per line, and always exits 0;
 * a tool that hangs is cut off by `timeout 5` where coreutils has it.
 */
export const PROBE_SCRIPT = String.raw`
v() { printf '%s=%s\n' "$1" "$(printf '%s' "$2" | tr '\n\r' '  ')"; }
t() { if command -v timeout >/dev/null 2>&1; then timeout 5 "$@"; else "$@"; fi; }
has() { command -v "$1" 2>/dev/null; }
if [ -r /etc/os-release ]; then ( . /etc/os-release; v os.id "$ID"; v os.version "$VERSION_ID"; v os.name "$PRETTY_NAME" ); fi
v kernel "$(uname -r)"
v arch "$(uname -m)"
v cores "$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null)"
v mem.kb "$(awk '/^MemTotal:/ {t=$2} /^MemAvailable:/ {a=$2} END {print t, a}' /proc/meminfo 2>/dev/null)"
v disk.kb "$(df -Pk / 2>/dev/null | awk 'NR==2 {print $2, $4}')"
v user "$(id -un)"
v uid "$(id -u)"
if [ "$(id -u)" != 0 ] && has sudo >/dev/null; then if sudo -n true 2>/dev/null; then v sudo yes; else v sudo no; fi; fi
for tool in docker docker-compose podman podman-compose pct pvesh k3s kubectl; do p=$(has "$tool") && v "path.$tool" "$p"; done
# The version checks run side by side. A Python tool (docker-compose v1, podman-compose) is asked
# through its interpreter's package metadata: 50 ms instead of the 0.5-3 s its own start-up takes.
pyver() { IFS='!' read -r magic interp < "$1" && [ "$magic" = '#' ] && case $interp in *python*) $interp -c 'import sys; from importlib.metadata import version; print(version(sys.argv[1]))' "$2" 2>/dev/null ;; *) false ;; esac; }
if has docker >/dev/null; then
  ( set -- $(t docker version --format '{{.Client.Version}} {{.Server.Version}}' 2>/dev/null); v docker.client "$1"; v docker.server "$2" ) &
  ( v compose.plugin "$(t docker compose version --short 2>/dev/null)" ) &
fi
if p=$(has docker-compose); then ( v compose.standalone "$(pyver "$p" docker-compose || t docker-compose version --short 2>/dev/null)" ) & fi
if has podman >/dev/null; then
  ( v podman.version "$(t podman --version 2>/dev/null | awk '{print $NF; exit}')" ) &
  ( v compose.podman-plugin "$(t podman compose version 2>/dev/null | awk 'tolower($0) ~ /version/ {print $NF; exit}')" ) &
fi
if p=$(has podman-compose); then ( v compose.podman-compose "$(pyver "$p" podman-compose || t podman-compose version 2>/dev/null | awk '/podman-compose(r)? version/ {print $NF; exit}')" ) & fi
if has pvesh >/dev/null; then ( v pve.version "$(t pvesh get /version --output-format json 2>/dev/null | sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p')" ) & fi
if has k3s >/dev/null; then ( v k3s.version "$(t k3s --version 2>/dev/null | awk 'NR==1 {print $3}')" ) & if [ -e /etc/rancher/k3s/k3s.yaml ]; then v k3s.server yes; fi; fi
if has kubectl >/dev/null; then ( v kubectl.version "$(t kubectl version --client 2>/dev/null | awk '/Client Version/ {print $3; exit}')" ) & fi
# Each line is one short printf, so lines from parallel jobs never interleave.
wait
exit 0
`;

/** The argv that runs the probe on any runner. */
export const PROBE_ARGV: readonly string[] = ['sh', '-c', PROBE_SCRIPT];

const VERSION = /^v?\d+(\.\d+)+/;

/** Parses the probe's output into HostFacts; missing or garbled values are left out, never guessed. */
export function parseProbeOutput(text: string): HostFacts {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  const get = (key: string): string => values.get(key) ?? '';
  const uid = Number.parseInt(get('uid'), 10);
  const [memTotal, memAvailable] = numbers(get('mem.kb'));
  const [diskTotal, diskAvailable] = numbers(get('disk.kb'));
  const cores = Number.parseInt(get('cores'), 10);
  const sudo = get('sudo');
  const tool = (name: string, versionKey?: string): ToolInfo | undefined => {
    const path = get(`path.${name}`);
    if (!path) return undefined;
    const version = versionKey ? get(versionKey) : '';
    return { path, ...(VERSION.test(version) ? { version } : {}) };
  };
  const docker = tool('docker', 'docker.client');
  const k3s = tool('k3s', 'k3s.version');
  const serverVersion = get('docker.server');
  const facts: HostFacts = {
    os: { id: get('os.id'), version: get('os.version'), name: get('os.name') },
    kernel: get('kernel'),
    arch: get('arch'),
    ...(Number.isFinite(cores) && cores > 0 ? { cores } : {}),
    ...(memTotal !== undefined && memAvailable !== undefined ? { memory: { totalBytes: memTotal * 1024, availableBytes: memAvailable * 1024 } } : {}),
    ...(diskTotal !== undefined && diskAvailable !== undefined ? { disk: { path: '/', totalBytes: diskTotal * 1024, availableBytes: diskAvailable * 1024 } } : {}),
    user: {
      name: get('user'),
      uid: Number.isFinite(uid) ? uid : -1,
      isRoot: uid === 0,
      ...(sudo ? { passwordlessSudo: sudo === 'yes' } : {}),
    },
    tools: withoutUndefined({
      docker: docker && { ...docker, ...(VERSION.test(serverVersion) ? { serverVersion } : {}) },
      podman: tool('podman', 'podman.version'),
      pct: tool('pct'),
      pvesh: tool('pvesh', 'pve.version'),
      k3s: k3s && { ...k3s, server: get('k3s.server') === 'yes' },
      kubectl: tool('kubectl', 'kubectl.version'),
    }),
    compose: composeTools(get),
  };
  const pve = get('pve.version');
  return VERSION.test(pve) ? { ...facts, proxmoxVersion: pve } : facts;
}

function composeTools(get: (key: string) => string): ComposeTool[] {
  const found: ComposeTool[] = [];
  const add = (flavour: ComposeFlavour, key: string, argv: string[], needsPath?: string): void => {
    const version = get(key).replace(/^v/, '');
    // A standalone program is there when it is on PATH even if its version could not be read; a
    // plugin exists only if it answered with a version.
    if (VERSION.test(version)) found.push({ flavour, version, argv });
    else if (needsPath && get(`path.${needsPath}`)) found.push({ flavour, version: 'unknown', argv });
  };
  add('docker compose', 'compose.plugin', ['docker', 'compose']);
  add('docker-compose', 'compose.standalone', ['docker-compose'], 'docker-compose');
  add('podman compose', 'compose.podman-plugin', ['podman', 'compose']);
  add('podman-compose', 'compose.podman-compose', ['podman-compose'], 'podman-compose');
  return found;
}

function numbers(text: string): Array<number | undefined> {
  return text.split(/\s+/).map((part) => (/^\d+$/.test(part) ? Number(part) : undefined));
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
