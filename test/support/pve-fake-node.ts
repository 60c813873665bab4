import { MOUNT_PROBE_SCRIPT } from '../../src/providers/proxmox-lxc/mount-checks.js';
import { pveshGet } from '../../src/providers/proxmox-lxc/pve-commands.js';
import type { FakeRunner } from './fake-runner.js';
import { dataProbeArgv } from '../../src/platform/deployments/data-probe.js';

/** The data probe of a node where no data directory nor kept-data note exists yet. */
export function freshDataProbe(runner: FakeRunner): FakeRunner {
  return runner.expect({
    argv: dataProbeArgv([]),
    prefix: true,
    repeat: true,
    // Missing, down to the deployment's own directory (/var/lib/homelab-tui/data/NAME) that the lab node lacks too.
    answer: (argv) => ({ stdout: argv.slice(dataProbeArgv([]).length).map((p) => `${p}\t0\t0\t${p.split('/').slice(0, 6).join('/')}\n`).join('') }),
  });
}
import { pveFixture } from './pve-fixtures.js';

/**
 * Teaches a FakeRunner the reads of the lab node "lx-pve" as the simulator answered them (captured
 * fixtures), with `resources` and `nextId` replaceable to stage id clashes.
 */
export function expectLabNodeReads(runner: FakeRunner, options: { resources?: string; nextId?: number; mountProbe?: { paths: string[]; stdout: string }; dataProbe?: false } = {}): FakeRunner {
  if (options.dataProbe !== false) freshDataProbe(runner);
  runner.expect(
    { argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' }, repeat: true },
    { argv: pveshGet('/nodes/lx-pve/status'), result: { stdout: pveFixture('lab-sim', 'node-status.json') } },
    { argv: pveshGet('/cluster/resources'), result: { stdout: options.resources ?? pveFixture('lab-sim', 'cluster-resources.json') } },
    { argv: pveshGet('/cluster/nextid'), result: { stdout: `${options.nextId ?? 100}\n` } },
    { argv: pveshGet('/nodes/lx-pve/storage'), result: { stdout: pveFixture('lab-sim', 'node-storage.json') } },
    { argv: pveshGet('/nodes/lx-pve/network'), result: { stdout: pveFixture('lab-sim', 'node-network.json') } },
    { argv: pveshGet('/nodes/lx-pve/storage/local/content', [['content', 'vztmpl']]), result: { stdout: pveFixture('lab-sim', 'storage-content-vztmpl.json') } },
  );
  if (options.mountProbe) runner.expect({ argv: ['sh', '-c', MOUNT_PROBE_SCRIPT, 'sh', ...options.mountProbe.paths], result: { stdout: options.mountProbe.stdout } });
  return runner;
}
