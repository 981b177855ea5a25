import { defineConfig } from 'vitest/config';

// Multi-host tests on throwaway swarms of Docker-in-Docker nodes (tests/support/swarm.ts): one
// file at a time, generous timeouts (a node starts its own engine; images are copied in).
export default defineConfig({
  test: {
    name: 'swarm',
    include: ['**/*.test.ts'],
    globalSetup: ['global-setup.ts'],
    setupFiles: ['../support/configure-control.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
