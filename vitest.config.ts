// Root test config: every workspace is a project (each may keep its own vitest.config.ts), plus
// the end-to-end acceptance tests in tests/. Files run one at a time: most suites drive the one
// real Docker engine, and two cores are all a build machine has.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests', 'tests/faults', 'bench'],
    fileParallelism: false,
  },
});
