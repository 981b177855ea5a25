import { defineConfig } from 'vitest/config';

// Pure unit tests of the contract and the OpenAPI document: no services.
export default defineConfig({
  test: { name: 'api', include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});
