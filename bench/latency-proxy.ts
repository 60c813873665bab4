// Added network latency in user space, for bench/fleet.ts. This machine's kernel has no netem (nor fq,
// etf or any qdisc that delays), so `tc qdisc add … netem delay 100ms` fails; instead every lab host
// gets a TCP port on 127.0.0.1 that forwards to its sshd and holds each chunk for half the delay in
// each direction, plus half the delay before connecting (the SYN round trip). Round trip added: the
// delay. Started as a child process so its timers never share the measured client's event loop.
//
// Usage: node --import tsx bench/latency-proxy.ts <delayMs> <host:port>... ; prints one JSON line
// {"targets":[{"target":"10.1.2.3:22","port":40001},…]} once listening, then runs until SIGTERM.
import { createServer, Socket, type AddressInfo } from 'node:net';

const [delayArg, ...targets] = process.argv.slice(2);
const half = Number(delayArg) / 2;
if (!Number.isFinite(half) || half < 0 || targets.length === 0) {
  process.stderr.write('usage: latency-proxy.ts <delayMs> <host:port>...\n');
  process.exit(2);
}

/** Writes `from`'s data to `to` `half` ms later, in order (timers of one duration fire in order). */
function delayed(from: Socket, to: Socket): void {
  from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), half));
  from.on('end', () => setTimeout(() => to.end(), half));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), half + 1));
}

function listen(target: string): Promise<{ target: string; port: number }> {
  const [host, port] = target.split(':');
  const server = createServer((client) => {
    client.setNoDelay(true);
    client.pause();
    setTimeout(() => {
      const upstream = new Socket();
      upstream.setNoDelay(true);
      upstream.connect(Number(port), host ?? '127.0.0.1', () => client.resume());
      delayed(client, upstream);
      delayed(upstream, client);
    }, half);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ target, port: (server.address() as AddressInfo).port })));
}

const listening = await Promise.all(targets.map(listen));
process.stdout.write(`${JSON.stringify({ targets: listening })}\n`);
process.on('SIGTERM', () => process.exit(0));
