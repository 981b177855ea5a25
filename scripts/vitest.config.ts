import { defineConfig } from 'vitest/config';

// The repository's own checks (dependencies, package boundaries): no services. The boundary
// test runs biome once per rule, so it gets more than the default five seconds.
export default defineConfig({
  test: { name: 'scripts', include: ['**/*.test.ts'], testTimeout: 60_000 },
});
