import { defineConfig } from 'vitest/config';

// Pure unit and property tests; elk layouts and fast-check runs get more than five seconds on a
// loaded two-core build machine.
export default defineConfig({
  test: { name: 'canvas', include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});
