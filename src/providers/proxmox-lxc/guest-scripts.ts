// Shell run inside the guest through `pct exec`. Each script is a constant: values reach it only as
// positional arguments or environment variables, so nothing a user typed is ever parsed by a shell.
// test/unit/providers/proxmox-lxc/shellcheck.test.ts runs shellcheck over every one of them.
import { envFileText } from './boot-service.js';
import type { LxcStep } from './inputs.js';
import { pct } from './pve-commands.js';

/** Where files pushed into the guest wait until a script moves them into place (root only). */
export const GUEST_STAGE = '/var/lib/homelab-tui/install';

const SYSTEMD = '[ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1';

/** Exits 0 once the guest has booted (systemd says so, where it runs) and has a global IPv4 address. */
export const READY_SCRIPT = `if ${SYSTEMD}; then
  systemctl is-system-running --wait >/dev/null 2>&1 || true
fi
ip -o -f inet addr show scope global | grep -q inet
`;

/**
 * Installs the boot service from the files staged in $4: a systemd unit or drop-in where the guest runs
 * systemd; otherwise the init script, hooked in with update-rc.d (sysvinit) or busybox init's inittab.
 * Arguments: kind (generated|packaged), name, env file path, stage directory.
 */
export const BOOT_SERVICE_SCRIPT = `kind=$1 name=$2 envfile=$3 stage=$4
mkdir -p "$(dirname "$envfile")"
mv -f "$stage/$name.env" "$envfile"
if ${SYSTEMD}; then
  if [ "$kind" = generated ]; then
    mv -f "$stage/$name.service" "/etc/systemd/system/$name.service"
  elif [ -f "$stage/$name.conf" ]; then
    mkdir -p "/etc/systemd/system/$name.service.d"
    mv -f "$stage/$name.conf" "/etc/systemd/system/$name.service.d/homelab-tui.conf"
  fi
  systemctl daemon-reload
  systemctl enable "$name"
  systemctl restart "$name"
elif [ "$kind" = generated ]; then
  mv -f "$stage/$name.init" "/etc/init.d/$name"
  if command -v update-rc.d >/dev/null 2>&1; then
    update-rc.d "$name" defaults
  elif [ -f /etc/inittab ]; then
    # busybox init runs every sysinit line at boot, in order: this one comes after the system's own.
    line="::sysinit:/etc/init.d/$name start"
    grep -qxF "$line" /etc/inittab || printf '%s\\n' "$line" >> /etc/inittab
  else
    echo "the guest has no systemd, update-rc.d or inittab: $name would not start at boot" >&2
    exit 1
  fi
  "/etc/init.d/$name" restart
else
  echo "$name comes with a systemd unit, but the guest does not run systemd" >&2
  exit 1
fi
rm -rf "$stage"
`;

/**
 * Prints (and with $3 = yes, follows) the service's log: its journal where the guest runs systemd,
 * else the file its init script writes. Arguments: name, lines, follow (yes|no), journalctl --since.
 */
export const LOGS_SCRIPT = `name=$1 lines=$2 follow=$3 since=$4
if ${SYSTEMD}; then
  set -- -u "$name" --no-pager -o short-iso -n "$lines"
  if [ -n "$since" ]; then set -- "$@" --since "$since"; fi
  if [ "$follow" = yes ]; then set -- "$@" -f; fi
  exec journalctl "$@"
fi
if [ "$follow" = yes ]; then exec tail -n "$lines" -F "/var/log/$name.log"; fi
exec tail -n "$lines" "/var/log/$name.log"
`;

/** Restarts the boot service the way the guest runs it. Argument: name. */
export const RESTART_SCRIPT = `name=$1
if ${SYSTEMD}; then exec systemctl restart "$name"; fi
exec "/etc/init.d/$name" restart
`;

/** Loads the step's secrets from the pushed file and deletes it before the step's own script runs (the file exists only then, so shellcheck is told not to follow it). */
export const SECRETS_PRELUDE = '# shellcheck source=/dev/null\nset -a; . "$HOMELAB_TUI_SECRETS"; set +a; rm -f -- "$HOMELAB_TUI_SECRETS"\n';

/** The secret part of a step's environment as an env file (empty when the step has none). */
export function stepSecretsFile(step: LxcStep): string {
  return envFileText(Object.fromEntries(Object.entries(step.env).filter(([key]) => step.secretEnv.includes(key))));
}

/** The script a step runs: its own, after the prelude that loads its secrets when it has any. */
export function stepScript(step: LxcStep): string {
  return step.secretEnv.length > 0 ? `${SECRETS_PRELUDE}${step.script}` : step.script;
}

/**
 * `pct exec VMID -- env K=V… sh -ec SCRIPT`: plain values as arguments of env, secrets only through the
 * pushed file named by HOMELAB_TUI_SECRETS.
 */
export function stepCommand(vmid: number, step: LxcStep, secretsPath?: string): string[] {
  const plain = Object.entries(step.env)
    .filter(([key]) => !step.secretEnv.includes(key))
    .map(([key, value]) => `${key}=${value}`);
  const secrets = step.secretEnv.length > 0 && secretsPath ? [`HOMELAB_TUI_SECRETS=${secretsPath}`] : [];
  return pct.exec(vmid, ['env', ...plain, ...secrets, 'sh', '-ec', stepScript(step)]);
}

/** journalctl's --since from `10m`, `2h`, `1d` (relative, as docker logs takes them) or an absolute time. */
export function journalSince(since: string | undefined): string {
  if (!since) return '';
  const relative = /^(\d+)([smhd])$/.exec(since);
  if (!relative) return since;
  const unit = { s: 's', m: 'min', h: 'h', d: 'd' }[relative[2] as 's' | 'm' | 'h' | 'd'];
  return `-${relative[1]}${unit}`;
}
