/** A socket listening on the host, and who owns it when the tool could tell. */
export interface Listener {
  protocol: 'tcp' | 'udp';
  address: string;
  port: number;
  process?: string;
  pid?: number;
}

// ss where there is iproute2; else net-tools netstat (-p names the process); busybox netstat has no -p.
const SCRIPT =
  'if command -v ss >/dev/null 2>&1; then echo @@ss; exec ss -ltunp; fi; ' +
  'if netstat -ltunp >/dev/null 2>&1; then echo @@netstat; exec netstat -ltunp; fi; ' +
  'echo @@netstat; exec netstat -ltun';

export const LISTENERS_ARGV: readonly string[] = ['sh', '-c', SCRIPT];

/** Parses what LISTENERS_ARGV printed (pure; fixtures from the lab hosts). */
export function parseListeners(output: string): Listener[] {
  const [tag, ...lines] = output.split('\n');
  const parse = tag?.trim() === '@@ss' ? parseSsLine : parseNetstatLine;
  return lines.map(parse).filter((l): l is Listener => l !== undefined);
}

// `udp UNCONN 0 0 10.89.0.1:53 0.0.0.0:* users:(("aardvark-dns",pid=974,fd=8))`
function parseSsLine(line: string): Listener | undefined {
  const fields = line.trim().split(/\s+/);
  const protocol = fields[0];
  if (protocol !== 'tcp' && protocol !== 'udp') return undefined;
  const local = endpoint(fields[4] ?? '');
  if (!local) return undefined;
  const owner = /\("([^"]+)",pid=(\d+)/.exec(line);
  return { protocol, ...local, ...(owner ? { process: owner[1] as string, pid: Number(owner[2]) } : {}) };
}

// `tcp 0 0 0.0.0.0:18080 0.0.0.0:* LISTEN 935/docker-proxy`; udp lines have no state column.
function parseNetstatLine(line: string): Listener | undefined {
  const fields = line.trim().split(/\s+/);
  const protocol = fields[0]?.replace(/6$/, '');
  if (protocol !== 'tcp' && protocol !== 'udp') return undefined;
  const local = endpoint(fields[3] ?? '');
  if (!local) return undefined;
  // After the foreign address: the state (tcp only), then `PID/name`, where the name may go on (`158/sshd: /usr/sbin`).
  const owner = /(\d+)\/([^\s:]+)/.exec(fields.slice(5).join(' '));
  return { protocol, ...local, ...(owner ? { pid: Number(owner[1]), process: owner[2] as string } : {}) };
}

/** `0.0.0.0:80`, `[::]:80`, `*:80`, `127.0.0.53%lo:53`, `:::80` → address and port. */
function endpoint(text: string): { address: string; port: number } | undefined {
  const at = text.lastIndexOf(':');
  const port = Number(text.slice(at + 1));
  if (at < 0 || !Number.isInteger(port) || port <= 0) return undefined;
  return { address: text.slice(0, at).replace(/^\[|\]$/g, '').replace(/%.*$/, '') || '*', port };
}

/** Who holds a port, in words: `docker-proxy (pid 935)`, or `an unknown process`. */
export function describeOwner(listener: Listener): string {
  if (listener.process) return `${listener.process}${listener.pid !== undefined ? ` (pid ${listener.pid})` : ''}`;
  return 'a process this user cannot see (run as root to name it)';
}
