import { describe, expect, it } from 'vitest';
import { composeSettingsSchema } from '../../../../src/platform/config/compose-settings.js';
import { LISTENERS_ARGV } from '../../../../src/providers/compose/listeners.js';
import { proxyItems } from '../../../../src/providers/compose/preflight-proxy.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { composeInputs } from './inputs.js';

const caddy = composeSettingsSchema.parse({ proxy: { kind: 'caddy' } });
const header = '@@ss\nNetid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n';
const line = (port: number, process: string, pid: number) => `tcp   LISTEN 0      4096         0.0.0.0:${port}      0.0.0.0:*    users:(("${process}",pid=${pid},fd=4))\n`;

function host(listeners: string, resolved: string, own = '10.0.0.5'): FakeRunner {
  return new FakeRunner('docker').expect(
    { argv: LISTENERS_ARGV, result: { stdout: header + listeners } },
    { argv: ['sh', '-c'], prefix: true, answer: (argv) => ({ stdout: argv.at(-1) === 'books.lab.test' ? `${resolved}\n${own}\n` : '\n\n' }) },
  );
}

describe('preflight for the managed Caddy', () => {
  it('ports 80/443 free or held by Caddy are fine; the name resolving to this host is ok', async () => {
    const inputs = await composeInputs('kavita', 'domain=books.lab.test');
    const items = await proxyItems(host(line(443, 'caddy', 77), '10.0.0.5 '), inputs, caddy);
    expect(items.map((i) => `${i.status} ${i.label}`)).toEqual(['ok port 80/tcp is free for Caddy on docker', 'ok port 443/tcp: Caddy already serves it on docker', 'ok books.lab.test resolves to docker']);
  });

  it('another process on 80 fails, naming it; a name pointing elsewhere or nowhere is a warning with what to do', async () => {
    const inputs = await composeInputs('kavita', 'domain=books.lab.test');
    const items = await proxyItems(host(line(80, 'nginx', 12), '192.0.2.9 '), inputs, caddy);
    expect(items[0]).toMatchObject({ status: 'fail', label: 'port 80/tcp is in use on docker', detail: 'nginx (pid 12) listens on 0.0.0.0:80' });
    expect(items[2]).toMatchObject({ status: 'warn', label: 'books.lab.test resolves to 192.0.2.9, not to docker' });
    const nowhere = await proxyItems(host('', ''), inputs, caddy);
    expect(nowhere[2]).toMatchObject({ status: 'warn', label: 'books.lab.test does not resolve on docker' });
    expect(nowhere[2]?.hint).toContain('DNS');
  });

  it('nothing to check without Caddy in the settings or without a domain', async () => {
    expect(await proxyItems(new FakeRunner(), await composeInputs('kavita', 'domain=books.lab.test'), composeSettingsSchema.parse({}))).toEqual([]);
    expect(await proxyItems(new FakeRunner(), await composeInputs('kavita'), caddy)).toEqual([]);
  });
});
