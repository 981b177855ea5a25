import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'web',
    include: ['app/**/*.test.ts', 'lib/**/*.test.ts', 'components/**/*.test.ts'],
    setupFiles: ['test/configure-control.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
