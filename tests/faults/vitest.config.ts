import { defineConfig } from 'vitest/config';

// Fault injection against private services (a Docker daemon, Postgres and Redis of the suite's
// own, restarted at will): one file at a time, generous timeouts.
export default defineConfig({
  test: {
    name: 'faults',
    include: ['**/*.test.ts'],
    globalSetup: ['global-setup.ts'],
    setupFiles: ['../support/configure-control.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
