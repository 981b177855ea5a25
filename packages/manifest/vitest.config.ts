import { defineConfig } from 'vitest/config';

// Pure unit and property tests: no services. The property tests run hundreds of cases each, so
// they get more than the default five seconds on a loaded two-core build machine.
export default defineConfig({
  test: { name: 'manifest', include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});
