import { BugError } from '../../platform/errors.js';
import { quoteShellArg, quoteShellWords } from '../../platform/runner/shell-quote.js';

/** What a generated boot service runs. */
export interface BootServiceSpec {
  name: string;
  command: string[];
  user?: string;
  workingDir?: string;
  envFile: string;
}

/**
 * The env file both the systemd unit (EnvironmentFile=) and the init script (sourced by sh) read.
 * Values are single-quoted with '\'' for quotes: sh and systemd's env-file parser both concatenate
 * adjacent quoted and escaped parts, so the same text means the same value to both.
 */
export function envFileText(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([key, value]) => `${key}='${value.replace(/'/g, `'\\''`)}'`)
    .join('\n')
    .concat(Object.keys(env).length > 0 ? '\n' : '');
}

/** A systemd unit that runs the command in the foreground and restarts it when it fails. */
export function systemdUnitText(spec: BootServiceSpec): string {
  return [
    '[Unit]',
    `Description=${spec.name} (installed by homelab-tui)`,
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    ...(spec.user ? [`User=${spec.user}`] : []),
    ...(spec.workingDir ? [`WorkingDirectory=${spec.workingDir}`] : []),
    `EnvironmentFile=-${spec.envFile}`,
    `ExecStart=${spec.command.map(systemdQuote).join(' ')}`,
    'Restart=on-failure',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/**
 * An /etc/init.d script for guests without systemd (busybox or sysvinit). start-stop-daemon exists in
 * both busybox and Debian; `-b -m` backgrounds the foreground command and records its pid. With no
 * journal, the command's output goes to /var/log/<name>.log (what `logs` reads on such guests).
 */
export function initScriptText(spec: BootServiceSpec): string {
  const [exec, ...args] = spec.command;
  if (!exec) throw new BugError(`boot service ${spec.name} has no command`);
  const pidfile = `/run/${spec.name}.pid`;
  const logfile = initLogFile(spec.name);
  const chuid = spec.user ? ` -c ${quoteShellArg(spec.user)}` : '';
  const chown = spec.user ? `  chown ${quoteShellArg(spec.user)} "$LOGFILE"\n` : '';
  const cd = spec.workingDir ? `  cd ${quoteShellArg(spec.workingDir)} || exit 1\n` : '';
  // start-stop-daemon -b sends the program's output to /dev/null: a shell in between appends it to the log.
  const toLog = quoteShellArg(`exec "$@" >> ${logfile} 2>&1`);
  return `#!/bin/sh
### BEGIN INIT INFO
# Provides:          ${spec.name}
# Required-Start:    $network $remote_fs
# Required-Stop:     $network $remote_fs
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: ${spec.name} (installed by homelab-tui)
### END INIT INFO
PIDFILE=${pidfile}
ENVFILE=${quoteShellArg(spec.envFile)}
LOGFILE=${logfile}

running() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

start() {
  running && return 0
  # shellcheck source=/dev/null
  if [ -f "$ENVFILE" ]; then set -a; . "$ENVFILE"; set +a; fi
  touch "$LOGFILE"
${chown}  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) starting ${spec.name}" >> "$LOGFILE"
${cd}  start-stop-daemon -S -b -m -p "$PIDFILE"${chuid} -x /bin/sh -- -c ${toLog} ${spec.name} ${quoteShellWords([exec, ...args])}
}

stop() {
  running && kill "$(cat "$PIDFILE")"
  rm -f "$PIDFILE"
}

case "$1" in
  start) start ;;
  stop) stop ;;
  restart) stop; sleep 1; start ;;
  status) if running; then echo "${spec.name} is running"; else echo "${spec.name} is stopped"; exit 3; fi ;;
  *) echo "usage: $0 {start|stop|restart|status}" >&2; exit 2 ;;
esac
`;
}

/** The log file a generated init script writes the service's output to. */
export function initLogFile(name: string): string {
  return `/var/log/${name}.log`;
}

/** systemd's ExecStart quoting: double quotes, backslash escapes, and $ and % doubled (they are expanded). */
function systemdQuote(arg: string): string {
  if (/[\n\r]/.test(arg)) throw new BugError('a boot command argument holds a line break');
  return `"${arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '$$$$').replace(/%/g, '%%')}"`;
}
