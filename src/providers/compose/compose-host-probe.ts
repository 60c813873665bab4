import { COMPOSE_FLAVOURS, type ComposeFlavour } from '../../platform/config/compose-settings.js';
import { DEFAULT_ARGV, ENGINE_OF, type ComposeHost, type ComposeTool, type ContainerEngine, type TraefikFacts } from './compose-host.js';

/**
 * One round trip: a constant script runs each check in the background (Python tools take a second to
 * start) into its own file, then prints `@@name` sections with the raw output and `@@exit N`, so all
 * the understanding happens in parseComposeProbe, on fixtures captured from real hosts.
 */
export const COMPOSE_PROBE_SCRIPT = String.raw`
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
t() { if command -v timeout >/dev/null 2>&1; then timeout 15 "$@"; else "$@"; fi; }
r() { n=$1; shift; { "$@" 2>&1; printf '\n@@exit %s\n' "$?"; } > "$d/$n"; }
has() { command -v "$1" >/dev/null 2>&1; }
if has docker; then
  r docker-server t docker version --format '{{.Server.Version}}' &
  r docker-compose-plugin t docker compose version --short &
  r docker-ps t docker ps --format '{{.Image}}|{{.Names}}|{{.Networks}}' &
fi
if has docker-compose; then r docker-compose t docker-compose version --short & fi
if has podman; then
  r podman t podman --version &
  r podman-compose-plugin t podman compose version &
  r podman-ps t podman ps --format '{{.Image}}|{{.Names}}|{{.Networks}}' &
fi
if has podman-compose; then r podman-compose t podman-compose version & fi
if has getenforce; then r selinux getenforce; elif [ -r /sys/fs/selinux/enforce ]; then r selinux cat /sys/fs/selinux/enforce; fi
r memory awk '/^MemTotal:/ {print $2 * 1024}' /proc/meminfo
wait
for f in "$d"/*; do [ -e "$f" ] || continue; printf '@@%s\n' "$(basename "$f")"; cat "$f"; done
exit 0
`;

export const COMPOSE_PROBE_ARGV: readonly string[] = ['sh', '-c', COMPOSE_PROBE_SCRIPT];

/** One check's output and exit code. */
interface Section {
  text: string;
  exitCode: number;
}

/** Splits the probe output into its sections. */
export function probeSections(output: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let name: string | undefined;
  let lines: string[] = [];
  for (const line of output.split('\n')) {
    const exit = /^@@exit (\d+)$/.exec(line);
    if (exit && name !== undefined) {
      sections.set(name, { text: lines.join('\n').trim(), exitCode: Number(exit[1]) });
      name = undefined;
    } else if (line.startsWith('@@')) {
      name = line.slice(2);
      lines = [];
    } else if (name !== undefined) lines.push(line);
  }
  return sections;
}

const VERSION = /v?(\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?)/;

/** The version each flavour prints; podman-compose 1.0.3 says "podman-composer version  1.0.3". */
const VERSION_OF: Record<ComposeFlavour, { section: string; pattern: RegExp }> = {
  'docker compose': { section: 'docker-compose-plugin', pattern: new RegExp(`^${VERSION.source}$`, 'm') },
  'docker-compose': { section: 'docker-compose', pattern: new RegExp(`^${VERSION.source}$`, 'm') },
  // podman 4.7+ runs an external provider and prints its version line ("Docker Compose version v2…").
  'podman compose': { section: 'podman-compose-plugin', pattern: new RegExp(`version:?\\s+${VERSION.source}\\s*$`, 'im') },
  'podman-compose': { section: 'podman-compose', pattern: new RegExp(`podman-composer? version:?\\s+${VERSION.source}`, 'i') },
};

/** Parses the probe's output (pure, tested on outputs captured from the lab's hosts). */
export function parseComposeProbe(output: string): ComposeHost {
  const sections = probeSections(output);
  const tools: ComposeTool[] = [];
  for (const flavour of COMPOSE_FLAVOURS) {
    const { section, pattern } = VERSION_OF[flavour];
    const found = sections.get(section);
    const version = found && found.exitCode === 0 ? pattern.exec(found.text)?.[1] : undefined;
    if (version) tools.push({ flavour, engine: ENGINE_OF[flavour], version, argv: [...DEFAULT_ARGV[flavour]] });
  }
  const engines: ComposeHost['engines'] = {};
  const docker = versionIn(sections.get('docker-server'));
  if (docker) engines.docker = docker;
  const podman = versionIn(sections.get('podman'));
  if (podman) engines.podman = podman;
  const traefik: ComposeHost['traefik'] = {};
  for (const engine of ['docker', 'podman'] as const satisfies readonly ContainerEngine[]) {
    const found = traefikIn(sections.get(`${engine}-ps`));
    if (found) traefik[engine] = found;
  }
  const memory = Number(sections.get('memory')?.text);
  return {
    tools,
    engines,
    selinux: selinuxMode(sections.get('selinux')),
    traefik,
    ...(Number.isFinite(memory) && memory > 0 ? { memoryBytes: memory } : {}),
  };
}

function versionIn(section: Section | undefined): string | undefined {
  if (!section || section.exitCode !== 0) return undefined;
  return VERSION.exec(section.text)?.[1];
}

function selinuxMode(section: Section | undefined): ComposeHost['selinux'] {
  const text = section?.exitCode === 0 ? section.text.trim().toLowerCase() : '';
  if (text === 'enforcing' || text === '1') return 'enforcing';
  if (text === 'permissive' || text === '0') return 'permissive';
  return 'disabled';
}

/** The first running container whose image is Traefik's (`traefik:v3`, `docker.io/library/traefik:…`). */
function traefikIn(section: Section | undefined): TraefikFacts | undefined {
  if (!section || section.exitCode !== 0) return undefined;
  for (const line of section.text.split('\n')) {
    const [image = '', container = '', networks = ''] = line.split('|');
    if (/(^|\/)traefik(:|@|$)/i.test(image)) return { container, image, networks: networks.split(',').filter(Boolean) };
  }
  return undefined;
}
