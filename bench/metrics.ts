// bench/metrics: what the metrics sampler costs the worker, as a fraction of one core, while it
// samples N containers (default 100) every 10 s, against the same process idle in the same run.
//
//   npx tsx bench/metrics.ts [--containers N] [--seconds S] [--interval S]   (Postgres, Redis, Docker up)
//
//   sampler   the worker's loop as it runs there (startMetricsSampler: list by label, one-shot
//             stats per container with the worker's concurrency, one batch insert per tick,
//             roll-ups once a minute), for S seconds (default 60) after a first baseline tick;
//             process.cpuUsage() (user + system) over the window ÷ the window's wall time
//   baseline  the same process over an equally long window with the sampler stopped (timers,
//             the database pool): what the worker costs without it
// Target: sampler − baseline < 5% of one core. Not counted: the Docker daemon's own work
// answering the stats calls (it runs whether or not Colo asks; one call per container per tick).
// Its containers (`colo/net:1` sleeping, 16 MiB each) and database are this run's own
// (`colo.instance=test-bench-metrics-…`, a private database); all go at the end, even on failure.
import { parseArgs } from 'node:util';
import { getPrisma } from '@colo/db';
import { getRuntime, startMetricsSampler, type TickResult } from '@colo/control';
import { setupControlTest } from '@colo/control/testing';

const { values } = parseArgs({
  options: { containers: { type: 'string', default: '100' }, seconds: { type: 'string', default: '60' }, interval: { type: 'string', default: '10' } },
});
const count = Number(values.containers);
const seconds = Number(values.seconds);
const interval = Number(values.interval);
if (![count, seconds, interval].every((v) => Number.isInteger(v) && v >= 1)) {
  console.error('usage: npx tsx bench/metrics.ts [--containers N>=1] [--seconds S>=1] [--interval S>=1]');
  process.exit(2);
}

const IMAGE = 'colo/net:1';
const say = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** CPU of this process over `ms` of wall time, as a fraction of one core. */
async function cpuOver(ms: number): Promise<number> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await sleep(ms);
  const used = process.cpuUsage(cpu0);
  const wallUs = Number(process.hrtime.bigint() - t0) / 1000;
  return (used.user + used.system) / wallUs;
}

async function startContainers(instance: string, vdcId: string): Promise<void> {
  const runtime = getRuntime();
  if (!(await runtime.imageId(IMAGE))) throw new Error(`${IMAGE} is not built: build the catalog first (npm run build:images or a deploy)`);
  let made = 0;
  const lanes = Array.from({ length: 4 }, async () => {
    while (made < count) {
      const i = made++;
      const id = await runtime.createContainer({
        name: `${instance}-m${i}`,
        Image: IMAGE,
        Entrypoint: ['sleep', 'infinity'],
        Cmd: [],
        Labels: {
          'colo.managed': 'true',
          'colo.instance': instance,
          'colo.vdc': vdcId,
          'colo.appliance': `a${i % 10}`,
          'colo.replica': String(Math.floor(i / 10) + 1),
        },
        HostConfig: { Memory: 16 * 1024 * 1024, NetworkMode: 'none' },
      });
      await runtime.startContainer(id);
      if ((i + 1) % 20 === 0) say(`started ${i + 1}/${count}`);
    }
  });
  await Promise.all(lanes);
}

const t = await setupControlTest('bench-metrics');
let exitCode = 0;
try {
  const vdcId = 'vdc_benchmetrics';
  say(`starting ${count} containers of ${IMAGE} (${t.instance})`);
  await startContainers(t.instance, vdcId);

  const ticks: TickResult[] = [];
  const sampler = startMetricsSampler({
    intervalMs: interval * 1000,
    labels: ['colo.managed=true', `colo.instance=${t.instance}`],
    log: say,
    onTick: (tick) => ticks.push(tick),
  });
  // The first tick only reads baselines, the second stores the first batch (and pays for the
  // database client's first insert): measure from there, whole intervals.
  while (ticks.length < 2) await sleep(50);
  say(`first ticks: ${ticks[1]?.containers} containers read in ${Math.round(ticks[1]?.durationMs ?? 0)} ms; measuring ${seconds} s`);
  const sampling = await cpuOver(seconds * 1000);
  await sampler.close();
  const stored = await getPrisma().metricSample.count({ where: { vdcId } });
  const measured = ticks.slice(2);
  say(`sampler stopped after ${measured.length} more ticks; ${stored} samples stored; measuring the idle baseline ${seconds} s`);
  const idle = await cpuOver(seconds * 1000);

  const net = sampling - idle;
  console.log(`bench/metrics: ${count} containers sampled every ${interval} s, ${seconds} s windows`);
  console.log(`  sampler running  ${pct(sampling)} of one core (process.cpuUsage over the window)`);
  console.log(`  baseline idle    ${pct(idle)} of one core (same process, sampler stopped)`);
  console.log(`  sampler's cost   ${pct(net)} of one core = ${(sampling / Math.max(idle, 1e-6)).toFixed(1)}x the idle process; target < 5%: ${net < 0.05 ? 'met' : 'NOT met'}`);
  const durations = measured.map((m) => m.durationMs).sort((a, b) => a - b);
  const median = durations[Math.floor((durations.length - 1) / 2)] ?? 0;
  console.log(`  ticks            ${measured.length} (median ${Math.round(median)} ms, worst ${Math.round(durations.at(-1) ?? 0)} ms each), ${stored} samples stored (${count} per tick after the first)`);
  if (net >= 0.05) exitCode = 1;
  const expected = count * (ticks.length - 1);
  if (stored < expected) {
    console.log(`  WARNING: fewer samples than containers × ticks (${stored} < ${expected})`);
    exitCode = 1;
  }
} catch (error) {
  console.error(`bench/metrics failed: ${(error as Error).stack ?? error}`);
  exitCode = 1;
} finally {
  say('removing the containers and the database');
  await t.teardown();
}
process.exit(exitCode);
