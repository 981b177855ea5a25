import { defineConfig } from 'vitest/config';

// Pure unit tests over the fixture corpus: no services.
export default defineConfig({
  test: { name: 'compose', include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});
