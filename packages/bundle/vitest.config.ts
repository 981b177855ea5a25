import { defineConfig } from 'vitest/config';

// Pure unit tests over the stock catalog and templates/assemblies: no services.
export default defineConfig({
  test: { name: 'bundle', include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});
