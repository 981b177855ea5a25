// Root test config: every workspace is a project (each may keep its own vitest.config.ts), plus
// the end-to-end acceptance tests in tests/, the fault-injection suite in tests/faults and the
// multi-host suite in tests/swarm.
// Within one run, files go one at a time: most suites drive the one real Docker engine.
// scripts/test.sh runs the lanes below as separate vitest processes (COLO_TEST_LANE), two at a time;
// they never collide, as each test file has its own database, queue, instance label and ports.
import { defineConfig } from 'vitest/config';

const LANES: Record<string, string[]> = {
  units: ['packages/*', 'apps/*', 'bench', 'scripts'],
  acceptance: ['tests'],
  faults: ['tests/faults'],
  swarm: ['tests/swarm'],
};

const lane = process.env.COLO_TEST_LANE;
if (lane !== undefined && !(lane in LANES)) {
  throw new Error(`COLO_TEST_LANE=${lane}: expected one of ${Object.keys(LANES).join(', ')}`);
}

export default defineConfig({
  test: {
    projects: lane ? LANES[lane] : Object.values(LANES).flat(),
    fileParallelism: false,
  },
});
