// kubectl SIMULATOR support: the commands that stream from a pod's container (logs, exec), run as
// `podman logs` / `podman exec` on the pod's container.
import { spawn } from 'node:child_process';
import { KubeError, notFound, usage } from './errors.mjs';
import { containerName } from './pods.mjs';
import { inspect } from './podman.mjs';
import { quotedRef } from './resources.mjs';

export async function cmdLogs(sim, store, args) {
  const [, ref] = args.words;
  if (!ref) throw usage('expected POD or TYPE/NAME is a required argument for the logs command');
  const name = ref.startsWith('pod/') ? ref.slice(4) : ref;
  const ns = args.namespace ?? 'default';
  const pod = store.get('Pod', ns, name);
  if (!pod) throw notFound(quotedRef('Pod', name));
  const c = pod.spec.containers[0];
  if (!pod.sim.started || !inspect(containerName(pod))) {
    const reason = pod.sim.waiting?.message ?? pod.sim.unschedulable ?? 'ContainerCreating';
    throw new KubeError(`Error from server (BadRequest): container "${c.name}" in pod "${name}" is waiting to start: ${reason}`);
  }
  const podmanArgs = ['logs', ...(args.flags['--timestamps'] ? ['--timestamps'] : []), ...(args.flags['--tail'] !== undefined && args.flags['--tail'] !== '-1' ? ['--tail', args.flags['--tail']] : []), ...(args.flags['--since'] ? ['--since', args.flags['--since']] : []), ...(args.flags['--follow'] ? ['--follow'] : []), containerName(pod)];
  await new Promise((resolve) => {
    const child = spawn('podman', podmanArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    const emit = (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${rfc3339(line)}\n`);
    };
    child.stdout.setEncoding('utf8').on('data', emit);
    child.stderr.setEncoding('utf8').on('data', emit);
    child.on('close', () => {
      if (buffered) process.stdout.write(`${rfc3339(buffered)}\n`);
      resolve();
    });
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    process.on('SIGHUP', () => child.kill('SIGTERM'));
  });
}

/** `kubectl exec [-i] [-t] -n NS pod/NAME -- COMMAND…`: the command in the pod's container (podman exec), its exit code kubectl's. */
export async function cmdExec(sim, store, args) {
  const [, ref] = args.words;
  if (!ref) throw usage('expected POD or TYPE/NAME is a required argument for the exec command');
  if (args.rest.length === 0) throw usage('you must specify at least one command for the container');
  const name = ref.startsWith('pod/') ? ref.slice(4) : ref;
  const ns = args.namespace ?? 'default';
  const pod = store.get('Pod', ns, name);
  if (!pod) throw notFound(quotedRef('Pod', name));
  if (!pod.sim.started || !inspect(containerName(pod))) throw new KubeError(`error: unable to upgrade connection: container not found ("${pod.spec.containers[0].name}")`);
  const stdin = Boolean(args.flags['-i'] || args.flags['-it'] || args.flags['-ti'] || args.flags['--stdin']);
  // kubectl: "Unable to use a TTY - input is not a terminal" and it goes on without one.
  const tty = Boolean(args.flags['-t'] || args.flags['-it'] || args.flags['-ti'] || args.flags['--tty']) && process.stdin.isTTY === true;
  const code = await new Promise((resolve) => {
    const child = spawn('podman', ['exec', ...(stdin ? ['-i'] : []), ...(tty ? ['-t'] : []), containerName(pod), ...args.rest], { stdio: [stdin ? 'inherit' : 'ignore', 'inherit', 'inherit'] });
    child.on('close', (exit) => resolve(exit ?? 1));
  });
  process.exitCode = code;
}

/** podman's `2026-12-06T06:20:39.123456789+00:00 line` → kubectl's `2026-12-06T06:20:39.123456789Z line`. */
function rfc3339(line) {
  return line.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)\+00:00 /, '$1Z ');
}

