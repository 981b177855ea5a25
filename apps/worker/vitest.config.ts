import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'worker', include: ['src/**/*.test.ts'], setupFiles: ['test/configure-control.ts'], testTimeout: 240_000, hookTimeout: 120_000 },
});
