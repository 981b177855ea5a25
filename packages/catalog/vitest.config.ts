import { defineConfig } from 'vitest/config';

// The appliance tests drive the real Docker engine and build images: one file at a time (the
// host has two cores, shared), with room for a first build that downloads Debian packages.
export default defineConfig({
  test: {
    name: 'catalog',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 900_000,
  },
});
