#!/usr/bin/env bash
# The project's test command (npm test): type check, unit tests, then the real lab (installing its
# Debian packages first when root and they are missing), the end-to-end tests, and a teardown that
# runs even when tests fail, followed by a check that nothing of the lab is left.
# Works with no stdin (CI). Exit status is non-zero when anything fails.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# Three labs side by side, each with its own prefix and network: lab A runs the LXC, k3s and first e2e
# lanes (and e2e-alone after them), lab B the second e2e lane, lab C the files that break a host and a
# third share of the compose files, so the compose files that check a whole Docker or Podman host run
# three at a time without seeing each other's deployments. The defaults are the first free pairs (hl on
# 10.200, hl1 on 10.201, ...): a developer's lab left up on this machine holds its pair, and CI never
# collides with it. LAB_PREFIX/LAB_NET given: lab A uses them.
taken=(none)
free_lab() {
  local i cand cand_net t
  for i in 0 1 2 3 4 5 6 7 8 9; do
    if [[ $i -eq 0 ]]; then cand=hl; else cand="hl$i"; fi
    cand_net="10.$((200 + i))"
    for t in "${taken[@]}"; do [[ "$t" == "$cand" || "$t" == "$cand_net" ]] && continue 2; done
    if ! ip netns list | awk '{print $1}' | grep -qE "^${cand}-" &&
      ! ip -4 route show | grep -q "^${cand_net//./\.}\." &&
      ! ip -4 addr show | grep -q "inet ${cand_net//./\.}\."; then
      echo "$cand $cand_net"
      return 0
    fi
  done
  echo "run-all: ten labs are already up on this machine; run 'npm run lab:down' in one" >&2
  return 1
}
if [[ -z "${LAB_PREFIX:-}" ]]; then
  read -r LAB_PREFIX LAB_NET_FREE < <(free_lab) || exit 1
  export LAB_PREFIX LAB_NET="${LAB_NET:-$LAB_NET_FREE}"
  [[ "$LAB_PREFIX" == hl ]] || echo "run-all: another lab holds prefix 'hl'; this run uses '$LAB_PREFIX' on $LAB_NET.0.0/16"
fi
taken+=("$LAB_PREFIX" "$LAB_NET")
read -r LAB_B_PREFIX LAB_B_NET < <(free_lab) || exit 1
taken+=("$LAB_B_PREFIX" "$LAB_B_NET")
read -r LAB_C_PREFIX LAB_C_NET < <(free_lab) || exit 1
# A few fleet hosts for the tests that need several plain hosts (dead-host checks, parallel checks).
export LAB_EXTRA_HOSTS="${LAB_EXTRA_HOSTS:-3}"

# Debian packages the lab needs (LAB.md), plus the tools this script and the tests use (the shells the
# completion scripts are tested in among them).
packages=(openssh-server openssh-client busybox-static docker.io docker-compose podman podman-compose
  catatonit lxc mariadb-server mariadb-client postgresql shellcheck tmux iproute2 nftables iptables
  util-linux procps sudo iputils-ping debootstrap zstd apt-cacher-ng curl bash-completion zsh fish
  caddy pebble dnsmasq-base openssl)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ "$(id -u)" -eq 0 ]]; then
    echo "run-all: installing ${missing[*]}"
    apt-get update -q < /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 "${missing[@]}" < /dev/null
  else
    echo "run-all: missing Debian packages: ${missing[*]}" >&2
    echo "run-all: as root, run: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
if [[ "$(id -u)" -ne 0 ]]; then
  echo "run-all: the lab needs root (network namespaces, veths, routes, LXC): run 'sudo bash test/run-all.sh'" >&2
  exit 1
fi
if [[ ! -x /usr/local/bin/postgres ]]; then
  # The machine image links Debian's PostgreSQL binaries into /usr/local/bin; recreate that if missing.
  for bin in /usr/lib/postgresql/*/bin; do pg_bin="$bin"; done
  ln -sf "$pg_bin/postgres" "$pg_bin/initdb" "$pg_bin/pg_ctl" /usr/local/bin/
fi

echo "run-all: shellcheck"
shellcheck test/run-all.sh test/lab/lab.sh test/lab/app/*.sh test/lab/app/run
echo "run-all: tsc"
npx tsc --noEmit
echo "run-all: unit tests"
npx vitest run --project unit < /dev/null

forward_before="$(sysctl -n net.ipv4.ip_forward)"
status=0
lab_a_up=0
lab_b_up=0
lab_c_up=0

# The processes a lab recorded (PID and start time), appended to a file per lab: sshd restarts in fault
# tests record new PIDs, so this is read after the tests too.
record_pids() { # PREFIX STATE_DIR
  node -e 'for (const p of require(process.argv[1]).processes) console.log(p.pid, p.starttime)' "$2/state.json" >> "$pids_dir/$1" 2> /dev/null || true
}
state_a="${LAB_STATE_DIR:-$repo/test/lab/.state/$LAB_PREFIX}"
state_b="$repo/test/lab/.state/$LAB_B_PREFIX"
state_c="$repo/test/lab/.state/$LAB_C_PREFIX"
# Lab B's and lab C's commands and tests: their prefix, network and state (a LAB_MANIFEST given is lab A's).
in_lab_b() { LAB_PREFIX="$LAB_B_PREFIX" LAB_NET="$LAB_B_NET" LAB_STATE_DIR="$state_b" LAB_MANIFEST="$state_b/manifest.json" "$@"; }
in_lab_c() { LAB_PREFIX="$LAB_C_PREFIX" LAB_NET="$LAB_C_NET" LAB_STATE_DIR="$state_c" LAB_MANIFEST="$state_c/manifest.json" "$@"; }

teardown() { # PREFIX [in_lab_b|in_lab_c]
  local prefix=$1 left
  echo "run-all: lab:down ($prefix)"
  "${@:2}" bash test/lab/lab.sh down < /dev/null || status=1
  # Independent check: no lab namespace, link or recorded process survives.
  left="$(ip netns list | awk '{print $1}' | grep -E "^${prefix}-" || true)"
  if [[ -n "$left" ]]; then echo "run-all: namespaces left: $left" >&2; status=1; fi
  left="$(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E "^${prefix}v[0-9]+$" || true)"
  if [[ -n "$left" ]]; then echo "run-all: links left: $left" >&2; status=1; fi
  # A zombie is not alive: it has ended, and only its parent has not collected it (a process the lab
  # started detached is reparented to PID 1, which on some machines, a firecracker VM's init, never reaps).
  # A process killed by lab:down may still be exiting (its name already gone): it gets 5 s to end.
  local alive=""
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    alive=""
    while read -r pid start; do
      [[ -n "$pid" ]] || continue
      if [[ -r "/proc/$pid/stat" ]] && [[ "$(awk '{print $22}' "/proc/$pid/stat" 2> /dev/null)" == "$start" ]] &&
        [[ "$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2> /dev/null)" != Z ]]; then
        alive+=" $pid"
      fi
    done < <(cat "$pids_dir/$prefix" 2> /dev/null)
    [[ -z "$alive" ]] && break
    sleep 0.5
  done
  for pid in $alive; do
    echo "run-all: lab process $pid ($(cat "/proc/$pid/comm" 2> /dev/null)) still alive 5 s after lab:down" >&2
    status=1
  done
}

teardown_all() {
  if [[ $lab_c_up -eq 1 ]]; then teardown "$LAB_C_PREFIX" in_lab_c; lab_c_up=0; fi
  if [[ $lab_b_up -eq 1 ]]; then teardown "$LAB_B_PREFIX" in_lab_b; lab_b_up=0; fi
  if [[ $lab_a_up -eq 1 ]]; then teardown "$LAB_PREFIX"; lab_a_up=0; fi
  if [[ "$(sysctl -n net.ipv4.ip_forward)" != "$forward_before" ]]; then
    echo "run-all: ip_forward changed" >&2
    status=1
  fi
  rm -rf "$pids_dir"
}

# A failed lane is named again at the very end with its failing tests, so the last lines of a long
# run say what failed (a CI log is often read from its tail).
failures=()
lane_failed() { # LANE LOG
  status=1
  echo "run-all: lane $1 FAILED" >&2
  failures+=("lane $1:")
  local line
  while IFS= read -r line; do failures+=("  $line"); done < <(
    sed 's/\x1b\[[0-9;]*m//g' "$2" | grep -E '^ *(FAIL|×|✗) ' | sort -u | head -n 20)
  # And what each failure said (vitest's "Failed Tests" part: the error under each FAIL heading, up to
  # its source frame), since the lane's own log may be gone by the time someone reads the tail.
  while IFS= read -r line; do failures+=("    $line"); done < <(
    sed 's/\x1b\[[0-9;]*m//g' "$2" | awk '
      /^ *FAIL / { n = 30; next }
      n > 0 && (/^ *❯ / || /⎯⎯/) { n = 0; next }
      n > 0 && NF > 0 { print; n-- }' | head -n 80)
}

pids_dir="$(mktemp -d)"
trap 'teardown_all' EXIT
echo "run-all: lab:up ($LAB_PREFIX on $LAB_NET, $LAB_B_PREFIX on $LAB_B_NET for the second e2e lane, $LAB_C_PREFIX on $LAB_C_NET for the third)"
lab_a_up=1
if bash test/lab/lab.sh up < /dev/null; then a_ok=1; else a_ok=0; fi
record_pids "$LAB_PREFIX" "$state_a"
lab_b_up=1
if in_lab_b env LAB_EXTRA_HOSTS=0 bash test/lab/lab.sh up < /dev/null; then b_ok=1; else b_ok=0; fi
record_pids "$LAB_B_PREFIX" "$state_b"
lab_c_up=1
if in_lab_c env LAB_EXTRA_HOSTS=0 bash test/lab/lab.sh up < /dev/null; then c_ok=1; else c_ok=0; fi
record_pids "$LAB_C_PREFIX" "$state_c"
if [[ $a_ok -eq 1 && $b_ok -eq 1 && $c_ok -eq 1 ]]; then
  echo "run-all: end-to-end tests (lanes: e2e-lxc, e2e-k3s and e2e on lab $LAB_PREFIX beside e2e-b on lab $LAB_B_PREFIX and e2e-c on lab $LAB_C_PREFIX, then e2e-alone)"
  node scripts/build.mjs
  export HOMELAB_TUI_BUILT=1
  lanes_dir="$(mktemp -d)"
  npx vitest run --project e2e-lxc < /dev/null > "$lanes_dir/e2e-lxc.log" 2>&1 &
  lxc_pid=$!
  npx vitest run --project e2e-k3s < /dev/null > "$lanes_dir/e2e-k3s.log" 2>&1 &
  k3s_pid=$!
  npx vitest run --project e2e < /dev/null > "$lanes_dir/e2e.log" 2>&1 &
  main_pid=$!
  in_lab_b npx vitest run --project e2e-b < /dev/null > "$lanes_dir/e2e-b.log" 2>&1 &
  b_pid=$!
  in_lab_c npx vitest run --project e2e-c < /dev/null > "$lanes_dir/e2e-c.log" 2>&1 &
  c_pid=$!
  wait "$lxc_pid" || lane_failed e2e-lxc "$lanes_dir/e2e-lxc.log"
  wait "$k3s_pid" || lane_failed e2e-k3s "$lanes_dir/e2e-k3s.log"
  wait "$main_pid" || lane_failed e2e "$lanes_dir/e2e.log"
  wait "$b_pid" || lane_failed e2e-b "$lanes_dir/e2e-b.log"
  wait "$c_pid" || lane_failed e2e-c "$lanes_dir/e2e-c.log"
  for lane in e2e-lxc e2e-k3s e2e e2e-b e2e-c; do
    echo "run-all: ---- lane $lane ----"
    cat "$lanes_dir/$lane.log"
  done
  record_pids "$LAB_B_PREFIX" "$state_b"
  record_pids "$LAB_C_PREFIX" "$state_c"
  teardown "$LAB_C_PREFIX" in_lab_c
  lab_c_up=0
  teardown "$LAB_B_PREFIX" in_lab_b
  lab_b_up=0
  # The files that time the product (a quit, a latency fault, a connect timeout): after the others,
  # with labs B and C gone, so that other lanes' work does not count in their figures.
  npx vitest run --project e2e-alone < /dev/null 2>&1 | tee "$lanes_dir/e2e-alone.log" ||
    lane_failed e2e-alone "$lanes_dir/e2e-alone.log"
  rm -rf "$lanes_dir"
else
  status=1
fi
record_pids "$LAB_PREFIX" "$state_a"
trap - EXIT
teardown_all

if [[ $status -eq 0 ]]; then echo "run-all: all green"; else
  for line in "${failures[@]}"; do echo "run-all: $line" >&2; done
  echo "run-all: FAILED" >&2
fi
exit "$status"
