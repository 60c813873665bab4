import { defineConfig } from 'vitest/config';

// Lanes of end-to-end tests (test/run-all.sh runs `e2e-lxc`, `e2e-k3s` and `e2e` side by side on one
// lab, `e2e-b` beside them on a second lab and `e2e-c` on a third, then `e2e-alone`); each needs a lab
// (npm run lab:up) and runs its files one at a time. The tests mostly wait (containers starting,
// health gates, timeouts), so lanes on labs of their own shorten the run: a file took about as long
// alone on a quiet machine as in a CI run beside three other lanes, and about 20% longer beside five;
// with the third compose lane a CI run went from 29 min to under 20. The unit tests stay before the
// labs: beside the lanes, even at a lower priority, they slowed every lane by about 12%.
// - e2e-lxc: files that only use the pve host (LXC containers);
// - e2e: the files on the other hosts (docker, podman, db, bare, ...); one at a time because several
//   check a whole host (`status --host docker` exits 0 only when all on it is healthy);
// - e2e-b: more files like e2e's, on a lab of their own (LAB_PREFIX), so that the compose files run
//   three at a time (balanced by the durations of a CI run);
// - e2e-c: files that take a host's link, sshd or disk away, start a second lab, or span every host
//   at once (the dashboard's fleet), alone on a third lab, and more files like e2e's;
// - e2e-k3s: files that only use the k3s host (its simulator runs pods in that host's own Podman);
// - e2e-alone: files that time the product (a quit within 0.5 s, a latency fault's figures, a dead
//   host's connect timeout, the dashboard noticing a lost host), after the others, on a quiet machine.
const LXC = ['test/e2e/lxc/**/*.test.{ts,tsx}', 'test/e2e/lab/pve-lxc.test.ts', 'test/e2e/wizard/lxc-wizard.test.ts'];
const K3S = ['test/e2e/k3s/**/*.test.{ts,tsx}'];
const B = [
  'test/e2e/compose/reconfigure.test.ts',
  'test/e2e/compose/update.test.ts',
  'test/e2e/compose/failure.test.ts',
  'test/e2e/backup/backup-restore.test.ts',
  'test/e2e/proxy/caddy-tls.test.ts',
  'test/e2e/wizard/compose-recovery.test.ts',
  'test/e2e/input/config-fuzz.test.ts',
  'test/e2e/input/config-files.test.ts',
  'test/e2e/compose/shell.test.ts',
  'test/e2e/compose/update-sqlite.test.ts',
  'test/e2e/compose/update-database-mysql.test.ts',
  'test/e2e/compose/update-blue-green-podman.test.ts',
  'test/e2e/compose/update-database-companion.test.ts',
  'test/e2e/backup/dashboard-encrypted-restore.test.ts',
  'test/e2e/backup/encrypted-backup.test.ts',
];
// Lane C: the files that break a host (they break lab C's, which no other lane uses), and compose files.
const C = [
  'test/e2e/faults/**/*.test.{ts,tsx}',
  'test/e2e/ssh/faults.test.ts',
  'test/e2e/lab/two-labs.test.ts',
  'test/e2e/dashboard/fleet.test.ts',
  'test/e2e/compose/update-database.test.ts',
  'test/e2e/backup/databases.test.ts',
  'test/e2e/lifecycle/interruptions.test.ts',
  'test/e2e/compose/data-ownership.test.ts',
  'test/e2e/compose/update-interrupted.test.ts',
  'test/e2e/backup/across-providers.test.ts',
];
const ALONE = ['test/e2e/faults/quit-with-hosts-away.test.ts', 'test/e2e/lab/faults.test.ts', 'test/e2e/dashboard/connection.test.ts', 'test/e2e/ssh/hosts-check.test.ts'];

const e2e = {
  globalSetup: ['test/support/build-once.ts'],
  environment: 'node',
  testTimeout: 180_000,
  hookTimeout: 300_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          globalSetup: ['test/support/build-once.ts'],
          environment: 'node',
          // Some unit tests run the built CLI or a real shell: under a loaded 2-core CI machine
          // they take seconds, which is not what these tests are about.
          testTimeout: 30_000,
        },
      },
      { test: { ...e2e, name: 'e2e-lxc', include: LXC, fileParallelism: false } },
      { test: { ...e2e, name: 'e2e-k3s', include: K3S, fileParallelism: false } },
      { test: { ...e2e, name: 'e2e-alone', include: ALONE, fileParallelism: false } },
      { test: { ...e2e, name: 'e2e-b', include: B, fileParallelism: false } },
      { test: { ...e2e, name: 'e2e-c', include: C, exclude: ALONE, fileParallelism: false } },
      { test: { ...e2e, name: 'e2e', include: ['test/e2e/**/*.test.{ts,tsx}'], exclude: [...LXC, ...K3S, ...ALONE, ...B, ...C], fileParallelism: false } },
    ],
  },
});
