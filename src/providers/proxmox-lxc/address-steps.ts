import { CommandError, tailOf, UserError } from '../../platform/errors.js';
import type { PlanAction } from '../../platform/plan/plan.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { ADDRESS_FIELD, addressTakenError, checkStaticAddress, macFor, probeAddress, type AddressAnswer } from './address-checks.js';
import { addressOf } from './guest-probe.js';
import { parseClusterGuests } from './parse-node.js';
import { parseContainerConfig } from './parse-container.js';
import { pvePaths, pveshGet } from './pve-commands.js';

/** The container the address belongs to: where it is and how it is attached. */
export interface AddressTarget {
  runner: CommandRunner;
  node: string;
  vmid: number;
  ip: string;
  bridge: string;
}

export function isStatic(ip: string): boolean {
  return ip !== 'dhcp' && ip !== 'manual';
}

/** At apply time, right before `pct create`: the address must still be in no config and answer nowhere. */
export function addressStillFree(t: AddressTarget): PlanAction {
  const address = addressOf(t.ip);
  return {
    kind: 'call',
    description: `check that ${address} is still in no container config and answers nowhere on ${t.bridge}`,
    run: async () => {
      const argv = pveshGet(pvePaths.clusterResources);
      const read = await t.runner.run({ argv, timeoutMs: 60_000 });
      if (read.exitCode !== 0) throw new CommandError(argv, read.exitCode, t.runner.host, tailOf(read.stderr));
      const item = await checkStaticAddress(t.runner, parseClusterGuests(read.stdout), t.node, t.ip, t.bridge, { except: t.vmid });
      if (item?.status === 'fail') throw addressTakenError(item);
    },
  };
}

const VERIFY_ATTEMPTS = 3;

/**
 * After start: the address must answer with this container's MAC (from its config). A silent address
 * is asked again a few times (the guest may not have brought its interface up); any other MAC means
 * another machine holds the address, so its answers must not be taken for this container's health.
 */
export function addressAnswersAsOurs(t: AddressTarget): PlanAction {
  const address = addressOf(t.ip);
  return {
    kind: 'call',
    description: `check that ${address} answers on ${t.bridge} with CT ${t.vmid}'s MAC address`,
    run: async (ctx) => {
      const argv = pveshGet(pvePaths.containerConfig(t.node, t.vmid));
      const read = await t.runner.run({ argv, timeoutMs: 60_000, signal: ctx.signal });
      if (read.exitCode !== 0) throw new CommandError(argv, read.exitCode, t.runner.host, tailOf(read.stderr));
      const ours = macFor(parseContainerConfig(read.stdout), address, t.vmid, t.node);
      if (!ours) throw new UserError(`CT ${t.vmid}'s config has no MAC address for ${address}`, `read it with: pct config ${t.vmid}`);
      let last: AddressAnswer = { kind: 'silent' };
      let matched = 0;
      for (let i = 0; i < VERIFY_ATTEMPTS && !ctx.signal.aborted; i++) {
        last = await probeAddress(t.runner, address, t.bridge, ctx.signal);
        if (last.kind === 'unprobed') {
          ctx.output(`could not check who answers on ${address}: ${last.reason}`);
          return;
        }
        if (last.kind === 'node' || (last.kind === 'answered' && last.mac && last.mac !== ours)) {
          const other = last.kind === 'node' ? 'the node itself' : `MAC ${last.mac}`;
          throw new UserError(
            `${address} answers on ${t.bridge} with ${other}, not CT ${t.vmid}'s ${ours}: another machine holds the address, so its answers are not this container's`,
            `choose a free address (${ADDRESS_FIELD}); find the other machine by its MAC address`,
          );
        }
        if (last.kind === 'answered') matched++;
        // Two answers from our MAC in a row: an old holder answering as well would have won one of them.
        if (matched >= 2) return;
      }
      if (matched > 0) return;
      throw new UserError(`CT ${t.vmid} does not answer on ${address} (${t.bridge})`, `read the container console: pct console ${t.vmid}`);
    },
  };
}
