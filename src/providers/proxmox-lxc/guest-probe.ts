import type { HealthProbe } from '../../platform/recipe/render/rendered.js';
import type { HealthCheck } from '../../platform/health/health-check.js';
import { httpCheck } from '../../platform/health/http-check.js';
import { tcpCheck } from '../../platform/health/tcp-check.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { parseGuestIpv4 } from './parse-container.js';
import { pvePaths, pveshGet } from './pve-commands.js';

/** Where a container is: its node and id, and its static address or `dhcp` (read from the guest when asked). */
export interface GuestAddress {
  node: string;
  vmid: number;
  address: string | 'dhcp';
}

/** The address part of `10.0.0.5/24`, or `dhcp`. */
export function addressOf(ip: string): string {
  return ip === 'dhcp' ? 'dhcp' : (ip.split('/')[0] ?? ip);
}

/** The probe against one address, sent from the node: it always reaches its guests on the bridge. */
export function probeAt(runner: CommandRunner, probe: HealthProbe, host: string, timeoutMs = 5000): HealthCheck {
  if (probe.kind === 'tcp') return tcpCheck({ host, port: probe.port, via: runner, timeoutMs });
  return httpCheck({
    url: `http://${host}:${probe.port}${probe.path}`,
    expectStatus: probe.expectStatus,
    ...(probe.bodyContains !== undefined ? { expectBody: probe.bodyContains } : {}),
    via: runner,
    timeoutMs,
  });
}

/**
 * The app probe at the container's address. With DHCP the address is read from the running guest at
 * each attempt (`…/lxc/{vmid}/interfaces`), so a lease that arrives late is still found.
 */
export function guestProbe(runner: CommandRunner, probe: HealthProbe, guest: GuestAddress): HealthCheck {
  if (guest.address !== 'dhcp') return probeAt(runner, probe, guest.address);
  const shape = probe.kind === 'http' ? `GET http://<CT ${guest.vmid}'s DHCP address>:${probe.port}${probe.path} → ${probe.expectStatus}` : `TCP <CT ${guest.vmid}'s DHCP address>:${probe.port}`;
  return {
    describe: () => `${shape} (from ${runner.host})`,
    run: async (ctx) => {
      const start = ctx.clock.now();
      const read = await runner.run({ argv: pveshGet(pvePaths.containerInterfaces(guest.node, guest.vmid)), ...(ctx.signal ? { signal: ctx.signal } : {}) });
      const address = read.exitCode === 0 ? parseGuestIpv4(read.stdout) : undefined;
      if (!address) {
        return { ok: false, reason: `CT ${guest.vmid} has no IPv4 address yet`, hint: 'is a DHCP server answering on its bridge? or give it a static address (lxc_ip)', durationMs: ctx.clock.now() - start };
      }
      return probeAt(runner, probe, address).run(ctx);
    },
  };
}
