import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'control', include: ['src/**/*.test.ts'], setupFiles: ['src/testing/configure-from-environment.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
