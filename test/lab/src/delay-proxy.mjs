// A TCP proxy that delays every byte by a fixed time in each direction, keeping order. The lab's
// `latency` fault puts it in front of a host's sshd because this machine's kernel has no netem:
// it adds round-trip time at the TCP level (not per packet), which is what SSH and the benchmarks see.
// Usage: node delay-proxy.mjs LISTEN_PORT TARGET_HOST TARGET_PORT ONE_WAY_DELAY_MS
import { connect, createServer } from 'node:net';

const [listenPort, targetHost, targetPort, delayText] = process.argv.slice(2);
const delayMs = Number(delayText);
if (!listenPort || !targetHost || !targetPort || !(delayMs >= 0)) {
  process.stderr.write('usage: delay-proxy.mjs LISTEN_PORT TARGET_HOST TARGET_PORT ONE_WAY_DELAY_MS\n');
  process.exit(2);
}

/** Forwards `from` to `to`, each chunk after `delayMs`, in arrival order. */
function delayedPipe(from, to) {
  const queue = [];
  let timer;
  const flush = () => {
    timer = undefined;
    const now = Date.now();
    while (queue.length > 0 && queue[0].due <= now) to.write(queue.shift().chunk);
    if (queue.length > 0) timer = setTimeout(flush, queue[0].due - now);
    else if (from.readableEnded) to.end();
  };
  from.on('data', (chunk) => {
    queue.push({ due: Date.now() + delayMs, chunk });
    if (!timer) timer = setTimeout(flush, delayMs);
  });
  from.on('end', () => {
    if (!timer) to.end();
  });
}

createServer((client) => {
  const upstream = connect({ host: targetHost, port: Number(targetPort) });
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', close);
  upstream.on('close', close);
  delayedPipe(client, upstream);
  delayedPipe(upstream, client);
}).listen(Number(listenPort), '0.0.0.0');
