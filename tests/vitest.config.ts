import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'acceptance',
    include: ['acceptance/**/*.test.ts'],
    setupFiles: ['support/configure-control.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
