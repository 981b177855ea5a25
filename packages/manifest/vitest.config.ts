import { defineConfig } from 'vitest/config';

// Pure unit and property tests: no services, safe to run in parallel.
export default defineConfig({
  test: { name: 'manifest', include: ['src/**/*.test.ts'] },
});
