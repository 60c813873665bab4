import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs anywhere in seconds; `e2e` needs the lab (npm run lab:up) and runs its
// files one at a time because they share lab hosts.
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
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.{ts,tsx}'],
          globalSetup: ['test/support/build-once.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
