// kubectl SIMULATOR support: `kubectl top pods`, which on k3s is answered by its bundled metrics-server.
// SIMULATED: the figures are the pods' Podman containers' (`podman stats --no-stream`), printed in
// kubectl's table (CPU in millicores, memory in Mi); a real metrics-server averages over its window.
import { matches } from './args.mjs';
import { usage } from './errors.mjs';
import { podman } from './podman.mjs';
import { containerName } from './pods.mjs';

function percentOf(text) {
  const value = Number.parseFloat(String(text ?? '').replace('%', ''));
  return Number.isFinite(value) ? value : 0;
}

const UNITS = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
function bytesOf(text) {
  const m = /^\s*([\d.]+)\s*([a-z]*)/i.exec(String(text ?? '').split('/')[0] ?? '');
  return m ? Number(m[1]) * (UNITS[(m[2] || 'b').toLowerCase()] ?? 1) : 0;
}

/** `kubectl top pods [-n NS | -A] [-l SELECTOR] [--no-headers]`. */
export function cmdTop(store, args, print) {
  const [, what] = args.words;
  if (!['pod', 'pods', 'po'].includes(what ?? '')) throw usage('this kubectl SIMULATOR has only "top pods"');
  const all = args.flags['-A'] || args.flags['--all-namespaces'];
  const ns = all ? undefined : (args.namespace ?? 'default');
  const pods = store.list('Pod', ns).filter((p) => matches(p, args.selector));
  const stats = podman(['stats', '--no-stream', '--format', 'json']);
  let rows = [];
  try {
    rows = JSON.parse(stats.stdout || '[]');
  } catch {
    rows = [];
  }
  const byName = new Map(rows.map((r) => [r.name, r]));
  const lines = [];
  if (!args.flags['--no-headers']) lines.push(`${all ? 'NAMESPACE   ' : ''}NAME   CPU(cores)   MEMORY(bytes)`);
  for (const pod of pods) {
    const s = byName.get(containerName(pod));
    if (!s) continue;
    const cpu = `${Math.round(percentOf(s.cpu_percent) * 10)}m`;
    const mem = `${Math.max(0, Math.round(bytesOf(s.mem_usage) / 1024 ** 2))}Mi`;
    lines.push(`${all ? `${pod.metadata.namespace}   ` : ''}${pod.metadata.name}   ${cpu}   ${mem}`);
  }
  if (lines.length === 0) throw usage('error: metrics not available yet');
  print(lines.join('\n'));
}
