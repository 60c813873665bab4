#!/usr/bin/env bash
# The homelab-tui test lab: network namespaces as "remote hosts" with sshd, Docker, Podman, LXC (with
# pct/pvesh SIMULATORS) and databases. See test/lab/README.md.
#   bash test/lab/lab.sh up | down | status | fault <name> <host> [args]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if [[ "$(id -u)" -ne 0 ]]; then
  echo "lab.sh: the lab needs root (network namespaces, veths, routes, LXC); run it as root" >&2
  exit 1
fi

missing=()
# ping: the Proxmox node probes a static address on its bridge (every real PVE node has it).
for tool in ip nsenter unshare catatonit sshd ssh-keygen dockerd docker-compose podman podman-compose lxc-start mariadbd tc nft ping debootstrap zstd apt-cacher-ng curl; do
  command -v "$tool" > /dev/null 2>&1 || missing+=("$tool")
done
[[ -x /usr/local/bin/postgres ]] || missing+=("/usr/local/bin/postgres")
if [[ "${1:-}" == "up" && ${#missing[@]} -gt 0 ]]; then
  echo "lab.sh: missing tools: ${missing[*]} (bash test/run-all.sh installs the Debian packages)" >&2
  exit 1
fi

tsx="$repo/node_modules/.bin/tsx"
if [[ ! -x "$tsx" ]]; then
  echo "lab.sh: $tsx not found; run 'npm ci' first" >&2
  exit 1
fi

exec "$tsx" "$repo/test/lab/src/cli.ts" "$@"
