// The metrics sampler: one loop per Docker engine, in every worker. Each tick lists this
// installation's appliance containers (one call, by label), reads each running one's counters
// one-shot with bounded concurrency, and stores a sample per replica (rates since the previous
// tick's reading) in one batch. Ticks are aligned to the interval and a sample's `at` is its
// tick, so a second worker's samples of the same tick are dropped as duplicates.
// On a swarm the same is done on every ready node, through its own engine (one list and its
// stats reads per node, as on one host), a few nodes at a time.
import { getPrisma } from '@colo/db';
import { type ContainerStats, type ContainerSummary, LABEL } from '@colo/engine';
import { engineConfig } from '../docker/engine-access';
import { type EngineOnNode, sampledEngines } from '../docker/replica-location';
import { replicaOf } from '../docker/swarm-replicas';
import { rollUpMetrics } from './metric-rollups';
import { type MetricValues, sampleRates } from './sample-rates';

export interface MetricsSamplerOptions {
  /** Time between ticks (the worker's COLO_METRICS_INTERVAL_SECONDS). */
  intervalMs: number;
  /** Stats reads in flight at once. */
  concurrency?: number;
  /** Time between roll-up runs; 0 leaves roll-ups to another loop. */
  rollupIntervalMs?: number;
  /** The containers sampled; this installation's appliance containers unless told (the bench's). */
  labels?: string[];
  log?: (line: string) => void;
  /** Told after every tick (tests, the bench). */
  onTick?: (tick: TickResult) => void;
}

export interface TickResult {
  at: Date;
  containers: number;
  stored: number;
  /** Wall time the tick took, list to insert. */
  durationMs: number;
}

export interface MetricsSampler {
  /** One tick now: reads every container and stores the samples it can tell. */
  tick(now?: Date): Promise<TickResult>;
  /** Stops the loop and waits for a tick under way. */
  close(): Promise<void>;
}

/**
 * Docker answers a stats read at its collector's next pass (once a second), even one-shot: a
 * read mostly waits, and all reads in flight are answered by the same pass. So many at once
 * keep a tick short (100 containers: about 4 s at 32) at no extra CPU.
 */
const DEFAULT_CONCURRENCY = 32;

/**
 * Nodes read at once on a swarm: each node's collector answers its own reads, so nodes in
 * parallel shorten a tick; at most this many times `concurrency` reads are in flight.
 */
const NODES_AT_ONCE = 4;

/** Appliance containers only: edge listeners and volume tools are Colo's own, not a replica. */
function sampled(c: ContainerSummary): boolean {
  const labels = c.labels;
  return c.state === 'running' && Boolean(labels[LABEL.vdc]) && Boolean(labels[LABEL.appliance]) && labels[LABEL.role] !== 'edge' && !labels[LABEL.operation];
}

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  });
  await Promise.all(lanes);
}

/** A sampler without a loop: `tick()` when wanted (tests, the bench); startMetricsSampler runs it. */
export function createMetricsSampler(options: Omit<MetricsSamplerOptions, 'rollupIntervalMs'>): MetricsSampler {
  const labels = options.labels ?? [`${LABEL.managed}=true`, `${LABEL.instance}=${engineConfig().instance}`];
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const log = options.log ?? (() => {});
  /** The last reading per container id: a rate needs two. */
  let previous = new Map<string, ContainerStats>();

  async function tick(now: Date = new Date()): Promise<TickResult> {
    const started = performance.now();
    const at = new Date(Math.floor(now.getTime() / options.intervalMs) * options.intervalMs);
    const readings = new Map<string, ContainerStats>();
    const rows: (MetricValues & { vdcId: string; appliance: string; replica: number; at: Date })[] = [];
    let listed = 0;
    const sampleNode = async ({ runtime, nodeId }: EngineOnNode): Promise<void> => {
      const containers = await runtime.listContainers(labels).then(
        (all) => all.filter(sampled),
        (error: Error) => {
          // One node that does not answer costs its own samples, not the tick's.
          if (nodeId === undefined) throw error;
          log(`metrics: could not list the containers of node ${nodeId}: ${error.message}`);
          return [];
        },
      );
      listed += containers.length;
      await eachLimited(containers, concurrency, async (c) => {
        const stats = await runtime.containerStats(c.id).catch((error: Error) => {
          log(`metrics: could not read ${c.name}: ${error.message}`);
          return undefined;
        });
        if (!stats) return;
        readings.set(c.id, stats);
        const before = previous.get(c.id);
        const values = before && sampleRates(before, stats);
        if (!values) return;
        rows.push({
          vdcId: c.labels[LABEL.vdc] as string,
          appliance: c.labels[LABEL.appliance] as string,
          // On a swarm a replica is its task's slot (the service's replicas share one set of labels).
          replica: replicaOf(c.labels) ?? 0,
          at,
          ...values,
        });
      });
    };
    const engines = await sampledEngines((nodeId, error) => log(`metrics: node ${nodeId} cannot be reached: ${error.message}`));
    await eachLimited(engines, NODES_AT_ONCE, sampleNode);
    // Containers gone since the last tick are forgotten with it.
    previous = readings;
    if (rows.length > 0) await getPrisma().metricSample.createMany({ data: rows, skipDuplicates: true });
    const result = { at, containers: listed, stored: rows.length, durationMs: performance.now() - started };
    options.onTick?.(result);
    return result;
  }

  return { tick, close: async () => {} };
}

export function startMetricsSampler(options: MetricsSamplerOptions): MetricsSampler {
  const log = options.log ?? (() => {});
  const sampler = createMetricsSampler(options);
  const rollupEvery = options.rollupIntervalMs ?? 60_000;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let lastRollup = 0;
  let failing = false;

  async function run(): Promise<void> {
    try {
      await sampler.tick();
      if (rollupEvery > 0 && Date.now() - lastRollup >= rollupEvery) {
        lastRollup = Date.now();
        await rollUpMetrics();
      }
      if (failing) log('metrics: sampling again');
      failing = false;
    } catch (error) {
      // Said once per outage, not every tick.
      if (!failing) log(`metrics: a tick failed (${(error as Error).message}); retrying each tick`);
      failing = true;
    }
  }

  function schedule(): void {
    if (closed) return;
    // The next multiple of the interval, so every worker ticks at the same moments.
    const wait = options.intervalMs - (Date.now() % options.intervalMs);
    timer = setTimeout(() => {
      running = run().finally(schedule);
    }, wait);
    timer.unref();
  }

  // A first reading at once: the first samples are then stored one interval after start.
  running = run().finally(schedule);

  return {
    tick: sampler.tick,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
