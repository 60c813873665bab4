import { containerEngines, ENGINE_OF, type ComposeFlavour, type ComposeTool, type HostFacts, type ToolInfo } from './host-facts.js';

export const DEBVER_FUNCTION = String.raw`# debver PACKAGE PATH: the upstream version of an installed Debian package that owns PATH, read from
# dpkg's records (10 ms) instead of starting the program (podman --version: 70 ms of CPU, more on a Pi).
debver() { [ -r "/var/lib/dpkg/info/$1.list" ] && grep -qx "$2" "/var/lib/dpkg/info/$1.list" && awk -v pkg="Package: $1" '$0 == pkg {f=1; next} f && /^Status: / {ok = ($0 == "Status: install ok installed")} f && /^Version: / {v=$2} f && /^$/ {exit} END {if (ok) print v}' /var/lib/dpkg/status | sed 's/^[0-9]*://; s/[-+~].*//'; }`;

/**
 * One round trip gathers everything: a constant POSIX sh script (no interpolated values), run as
 * `sh -c PROBE_SCRIPT`. It prints `key=value` lines in any order, one value per line, and always exits 0;
 * a tool that hangs is cut off by `timeout 5` where coreutils has it.
 *
 * Asking a program for its version is most of a probe's cost (a Python tool takes 0.5-3 s to start),
 * so the versions found last time come in on stdin as `name stamp version` lines and are reused while
 * the program file is unchanged (stamp: mtime.size). Facts that can change without the file changing
 * (is the Docker daemon up?) are asked every time.
 */
export const PROBE_SCRIPT = String.raw`
nl='
'
cr=$(printf '\r')
# v KEY VALUE: one output line; a value with line breaks (rare) is flattened.
v() { case $2 in *"$nl"*|*"$cr"*) set -- "$1" "$(printf '%s' "$2" | tr '\n\r' '  ')" ;; esac; printf '%s=%s\n' "$1" "$2"; }
t() { if command -v timeout >/dev/null 2>&1; then timeout 5 "$@"; else "$@"; fi; }
has() { command -v "$1" 2>/dev/null; }
known=$(cat)
stamp() { stat -L -c '%Y.%s' "$1" 2>/dev/null; }
remembered() { printf '%s\n' "$known" | while read -r n s ver; do if [ "$n" = "$1" ] && [ "$s" = "$2" ]; then printf '%s' "$ver"; break; fi; done; }
# A Python tool: a setuptools entry script names its version (__requires__ = 'NAME==VERSION', Debian's
# packages have it), read for free; otherwise its interpreter's package metadata (0.1-0.2 s of CPU
# instead of the tool's own start-up).
pyver() { IFS='!' read -r magic interp < "$1" && [ "$magic" = '#' ] && case $interp in *python*) sed -n "s/^__requires__ = '$2==\([^' ]*\)'\$/\1/p" "$1" | grep -m 1 . || $interp -c 'import sys; from importlib.metadata import version; print(version(sys.argv[1]))' "$2" 2>/dev/null ;; *) false ;; esac; }
${DEBVER_FUNCTION}
# The first running container (image|name|networks) whose image is Traefik's: its labels route to apps.
traefik_line() { awk -F'|' 'tolower($1) ~ /(^|\/)traefik([:@]|$)/ {print; exit}'; }
ask_docker() { t docker --version 2>/dev/null | awk '{sub(/,$/, "", $3); print $3; exit}'; }
ask_docker_compose() { pyver "$1" docker-compose || t docker-compose version --short 2>/dev/null; }
ask_podman() { t podman --version 2>/dev/null | awk '{print $NF; exit}'; }
ask_podman_compose() { pyver "$1" podman-compose || t podman-compose version 2>/dev/null | awk '/podman-compose(r)? version/ {print $NF; exit}'; }
ask_pct() { :; }
ask_pvesh() { t pvesh get /version --output-format json 2>/dev/null | sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p'; }
ask_k3s() { t k3s --version 2>/dev/null | awk 'NR==1 {print $3}'; }
# kubectl's version costs a 50 MB binary's start-up (80 ms) and no caller needs it: path only.
ask_kubectl() { :; }
# tool NAME ASK: path, stamp and version of a program; unknown versions are asked in the background.
tool() {
  p=$(has "$1") || return 0
  v "path.$1" "$p"
  s=$(stamp "$p")
  v "stamp.$1" "$s"
  old=$(remembered "$1" "$s")
  if [ -n "$s" ] && [ -n "$old" ]; then v "version.$1" "$old"; else ( v "version.$1" "$($2 "$p")" ) & fi
}
if [ -r /etc/os-release ]; then ( . /etc/os-release; v os.id "$ID"; v os.version "$VERSION_ID"; v os.name "$PRETTY_NAME" ); fi
v kernel "$(uname -r)"
v arch "$(uname -m)"
v cores "$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null)"
v mem.kb "$(awk '/^MemTotal:/ {t=$2} /^MemAvailable:/ {a=$2} END {print t, a}' /proc/meminfo 2>/dev/null)"
v disk.kb "$(df -Pk / 2>/dev/null | awk 'NR==2 {print $2, $4}')"
v user "$(id -un)"
v uid "$(id -u)"
if [ "$(id -u)" != 0 ] && has sudo >/dev/null; then if sudo -n true 2>/dev/null; then v sudo yes; else v sudo no; fi; fi
tool docker-compose ask_docker_compose
tool podman-compose ask_podman_compose
tool pct ask_pct
tool pvesh ask_pvesh
tool k3s ask_k3s
tool kubectl ask_kubectl
# One docker run gives the client's version (unless remembered) and the daemon's: up, and which version.
if p=$(has docker); then
  v path.docker "$p"
  s=$(stamp "$p")
  v stamp.docker "$s"
  (
    out=$(t docker version --format '{{.Client.Version}}|{{if .Server}}{{.Server.Version}}{{end}}' 2>/dev/null)
    client='' server=''
    case $out in *'|'*) IFS='|' read -r client server <<EOF
$out
EOF
      v docker.server "$server" ;;
    esac
    cv=$(remembered docker "$s"); if [ -z "$s" ] || [ -z "$cv" ]; then cv=$client; fi
    if [ -z "$cv" ]; then cv=$(ask_docker); fi
    v version.docker "$cv"
    if [ -n "$server" ]; then v traefik.docker "$(t docker ps --format '{{.Image}}|{{.Names}}|{{.Networks}}' 2>/dev/null | traefik_line)"; fi
  ) &
  # The compose plugin is asked only where docker would find one (its plugin folders, or extra ones
  # named in the CLI's config): a docker run saved on hosts without it.
  for d in "$DOCKER_CONFIG/cli-plugins" "$HOME/.docker/cli-plugins" /usr/local/lib/docker/cli-plugins /usr/local/libexec/docker/cli-plugins /usr/lib/docker/cli-plugins /usr/libexec/docker/cli-plugins; do
    if [ -x "$d/docker-compose" ] || grep -qs cliPluginsExtraDirs "$HOME/.docker/config.json"; then
      ( v compose.plugin "$(t docker compose version --short 2>/dev/null)" ) &
      break
    fi
  done
fi
# podman's version also decides whether to look for podman compose (from 4.7, a front end to
# docker-compose or podman-compose), so it is found in the same background job.
if p=$(has podman); then
  v path.podman "$p"
  s=$(stamp "$p")
  v stamp.podman "$s"
  (
    pv=$(remembered podman "$s"); if [ -z "$s" ] || [ -z "$pv" ]; then pv=$(debver podman "$p"); fi
    if [ -z "$pv" ]; then pv=$(ask_podman); fi
    v version.podman "$pv"
    case $pv in [1-9][0-9].*|[5-9].*|4.[7-9]*|4.[1-9][0-9]*) v compose.podman-plugin "$(t podman compose version 2>/dev/null | awk 'tolower($0) ~ /version/ {print $NF; exit}')" ;; esac
    v traefik.podman "$(t podman ps --format '{{.Image}}|{{.Names}}|{{.Networks}}' 2>/dev/null | traefik_line)"
  ) &
fi
if [ -e /etc/rancher/k3s/k3s.yaml ]; then v k3s.server yes; fi
# SELinux decides whether compose bind mounts are relabelled (:Z).
if has getenforce >/dev/null; then v selinux "$(getenforce 2>/dev/null)"; elif [ -r /sys/fs/selinux/enforce ]; then v selinux "$(cat /sys/fs/selinux/enforce)"; fi
# Each line is one short printf, so lines from parallel jobs never interleave.
wait
exit 0
`;

/** The argv that runs the probe on any runner. */
export const PROBE_ARGV: readonly string[] = ['sh', '-c', PROBE_SCRIPT];

/** The programs the probe looks for; each becomes an entry of HostFacts.tools when found. */
export const PROBED_TOOLS = ['docker', 'docker-compose', 'podman', 'podman-compose', 'pct', 'pvesh', 'k3s', 'kubectl'] as const;

/** The probe's stdin: versions from earlier facts, reused while each program file is unchanged. */
export function knownVersions(previous: HostFacts | undefined): string {
  const tools: Record<string, ToolInfo | undefined> = previous?.tools ?? {};
  return PROBED_TOOLS.flatMap((name) => {
    const tool = tools[name];
    return tool?.stamp && tool.version && /^[^\s]+$/.test(tool.version) ? [`${name} ${tool.stamp} ${tool.version}\n`] : [];
  }).join('');
}

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
  const tool = (name: (typeof PROBED_TOOLS)[number]): ToolInfo | undefined => {
    const path = get(`path.${name}`);
    if (!path) return undefined;
    const version = get(`version.${name}`);
    const stamp = get(`stamp.${name}`);
    return { path, ...(VERSION.test(version) ? { version } : {}), ...(stamp ? { stamp } : {}) };
  };
  const docker = tool('docker');
  const k3s = tool('k3s');
  const pvesh = tool('pvesh');
  const serverVersion = get('docker.server');
  const tools: HostFacts['tools'] = withoutUndefined({
    docker: docker && { ...docker, ...(VERSION.test(serverVersion) ? { serverVersion } : {}) },
    'docker-compose': tool('docker-compose'),
    podman: tool('podman'),
    'podman-compose': tool('podman-compose'),
    pct: tool('pct'),
    pvesh,
    k3s: k3s && { ...k3s, server: get('k3s.server') === 'yes' },
    kubectl: tool('kubectl'),
  });
  return {
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
    tools,
    compose: composeTools(get, tools),
    ...(pvesh?.version ? { proxmoxVersion: pvesh.version } : {}),
    ...selinuxOf(get('selinux')),
    ...traefikOf(get),
  };
}

function selinuxOf(text: string): Pick<HostFacts, 'selinux'> {
  const mode = text.toLowerCase();
  if (mode === 'enforcing' || mode === '1') return { selinux: 'enforcing' };
  if (mode === 'permissive' || mode === '0') return { selinux: 'permissive' };
  return mode === 'disabled' ? { selinux: 'disabled' } : {};
}

function traefikOf(get: (key: string) => string): Pick<HostFacts, 'traefik'> {
  const traefik: NonNullable<HostFacts['traefik']> = {};
  for (const engine of containerEngines) {
    const [image = '', container = '', networks = ''] = get(`traefik.${engine}`).split('|');
    if (image && container) traefik[engine] = { container, image, networks: networks.split(',').filter(Boolean) };
  }
  return Object.keys(traefik).length > 0 ? { traefik } : {};
}

function composeTools(get: (key: string) => string, tools: HostFacts['tools']): ComposeTool[] {
  const found: ComposeTool[] = [];
  const plugin = (flavour: ComposeFlavour, key: string, argv: string[]): void => {
    const version = get(key).replace(/^v/, '');
    if (VERSION.test(version)) found.push({ flavour, engine: ENGINE_OF[flavour], version, argv });
  };
  // A standalone program counts when it is on PATH, even if it would not tell its version.
  const program = (flavour: ComposeFlavour, info: ToolInfo | undefined): void => {
    if (info) found.push({ flavour, engine: ENGINE_OF[flavour], version: info.version?.replace(/^v/, '') ?? 'unknown', argv: [flavour] });
  };
  plugin('docker compose', 'compose.plugin', ['docker', 'compose']);
  program('docker-compose', tools['docker-compose']);
  plugin('podman compose', 'compose.podman-plugin', ['podman', 'compose']);
  program('podman-compose', tools['podman-compose']);
  return found;
}

function numbers(text: string): Array<number | undefined> {
  return text.split(/\s+/).map((part) => (/^\d+$/.test(part) ? Number(part) : undefined));
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
