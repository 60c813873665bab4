import { defineConfig } from 'vitest/config';

// Lanes of end-to-end tests (test/run-all.sh runs `e2e-lxc` and `e2e` side by side, then
// `e2e-faults` alone); each needs the lab (npm run lab:up):
// - e2e-lxc: files that create LXC containers on the one pve host, one file at a time;
// - e2e-faults: files that take a host's link, sshd or disk away (and the second lab), one at a
//   time and after the others, since other files use those hosts;
// - e2e: everything else, two files at a time (each file uses its own names and ports).
const LXC = ['test/e2e/lxc/**/*.test.{ts,tsx}', 'test/e2e/lab/pve-lxc.test.ts', 'test/e2e/wizard/lxc-wizard.test.ts', 'test/e2e/dashboard/fleet.test.ts'];
const FAULTS = ['test/e2e/faults/**/*.test.{ts,tsx}', 'test/e2e/ssh/faults.test.ts', 'test/e2e/lab/faults.test.ts', 'test/e2e/lab/two-labs.test.ts', 'test/e2e/dashboard/connection.test.ts', 'test/e2e/ssh/hosts-check.test.ts'];

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
      { test: { ...e2e, name: 'e2e-faults', include: FAULTS, fileParallelism: false } },
      { test: { ...e2e, name: 'e2e', include: ['test/e2e/**/*.test.{ts,tsx}'], exclude: [...LXC, ...FAULTS], fileParallelism: true, maxWorkers: 2 } },
    ],
  },
});
