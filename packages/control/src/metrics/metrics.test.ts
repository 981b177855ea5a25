// The sampler, the roll-ups and the read side on a real database and the real Docker engine:
// samples of this test's containers are stored once per tick (two samplers store one), roll
// up to minutes and hours idempotently, are pruned past retention, and read back per appliance
// and per replica by the VDC's owner only.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { getRuntime } from '../docker/engine-access';
import { type ControlTest, ensureSleeperImage, manifestOf, SLEEPER_IMAGE, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { currentUsage } from './current-usage';
import { rollUpMetrics } from './metric-rollups';
import { createMetricsSampler } from './metrics-sampler';
import { vdcMetrics } from './vdc-metrics';

let t: ControlTest;
let owner: AuthUser;
let vdcId: string;
const ids: Record<string, string> = {};

async function container(key: string, labels: Record<string, string>): Promise<void> {
  const runtime = getRuntime();
  ids[key] = await runtime.createContainer({
    name: `${t.instance}-${key}`,
    Image: SLEEPER_IMAGE,
    Labels: { 'colo.managed': 'true', 'colo.instance': t.instance, 'colo.vdc': vdcId, ...labels },
    HostConfig: { Memory: 48 * 1024 * 1024 },
  });
  await runtime.startContainer(ids[key]);
}

beforeAll(async () => {
  t = await setupControlTest('metrics');
  await ensureSleeperImage();
  owner = await t.user();
  await createVdc(owner, manifestOf('watched'));
  vdcId = (await getPrisma().vdc.findFirstOrThrow({ where: { name: 'watched' } })).id;
  await container('web-1', { 'colo.appliance': 'web', 'colo.replica': '1' });
  await container('web-2', { 'colo.appliance': 'web', 'colo.replica': '2' });
  // An edge listener and an operation's volume tool are Colo's own, not an appliance's replicas.
  await container('edge', { 'colo.role': 'edge' });
  await container('tool', { 'colo.appliance': 'web', 'colo.operation': 'op_copy' });
});

afterAll(async () => {
  await t?.teardown();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the metrics sampler', () => {
  it('stores one sample per replica per tick, with the CPU a replica spent, once across two workers', async () => {
    const a = createMetricsSampler({ intervalMs: 1000 });
    const b = createMetricsSampler({ intervalMs: 1000 });
    const first = new Date(Math.floor(Date.now() / 1000) * 1000);
    // A first reading is only a baseline: nothing to store yet.
    expect(await a.tick(first)).toMatchObject({ containers: 2, stored: 0 });
    await b.tick(first);
    // Replica 1 busy for ~0.8 s; replica 2 idle.
    await getRuntime().exec(ids['web-1'] as string, ['sh', '-c', 'end=$(($(date +%s%N)+800000000)); while [ $(date +%s%N) -lt $end ]; do :; done']);
    await sleep(200);
    const second = new Date(first.getTime() + 1000);
    expect(await a.tick(second)).toMatchObject({ containers: 2, stored: 2 });
    await b.tick(second);

    const rows = await getPrisma().metricSample.findMany({ where: { vdcId }, orderBy: { replica: 'asc' } });
    expect(rows.map((r) => [r.appliance, r.replica, r.at.getTime()])).toEqual([
      ['web', 1, second.getTime()],
      ['web', 2, second.getTime()],
    ]);
    const [busy, idle] = rows;
    // Up to 0.8 s of CPU over the span between the readings: less, and a longer span, when the
    // machine is loaded; either way far above the idle replica's.
    expect(busy?.cpu).toBeGreaterThan(0.02);
    expect(busy?.cpu).toBeLessThan(1.5);
    expect(idle?.cpu).toBeLessThan(0.05);
    expect(busy?.cpu).toBeGreaterThan(5 * (idle?.cpu ?? 1));
    expect(busy?.memoryLimit).toBe(48 * 1024 * 1024);
    expect(busy?.memoryUsed).toBeGreaterThan(0);
  });

  it('forgets a replica that stopped: no sample for it until two readings again', async () => {
    const sampler = createMetricsSampler({ intervalMs: 1000 });
    await sampler.tick();
    await getRuntime().stopContainer(ids['web-2'] as string, 1);
    await sleep(300);
    expect(await sampler.tick(new Date(Date.now() + 5000))).toMatchObject({ containers: 1, stored: 1 });
  });
});

describe('roll-ups and retention', () => {
  const now = new Date('2026-12-03T12:30:20Z');
  const sample = (at: string, cpu: number, netRx: number) => ({
    vdcId,
    appliance: 'db',
    replica: 1,
    at: new Date(at),
    cpu,
    memoryUsed: 100 * cpu,
    memoryLimit: 1000,
    netRx,
    netTx: 0,
    blockRead: 0,
    blockWrite: 0,
  });

  it('rolls samples up to minutes (avg, max) and minutes up to hours weighted by samples, the same when run twice', async () => {
    const prisma = getPrisma();
    await prisma.metricSample.createMany({
      data: [
        sample('2026-12-03T12:27:00Z', 0.1, 10),
        sample('2026-12-03T12:27:10Z', 0.2, 20),
        sample('2026-12-03T12:27:50Z', 0.6, 30),
        sample('2026-12-03T12:28:00Z', 1.0, 100),
      ],
    });
    await rollUpMetrics(now);
    await rollUpMetrics(now);
    const minutes = await prisma.metricRollup.findMany({ where: { vdcId, appliance: 'db', resolution: 60 }, orderBy: { at: 'asc' } });
    expect(minutes.map((m) => [m.at.toISOString(), m.samples, m.cpuMax, m.netRxMax])).toEqual([
      ['2026-12-03T12:27:00.000Z', 3, 0.6, 30],
      ['2026-12-03T12:28:00.000Z', 1, 1, 100],
    ]);
    expect(minutes[0]?.cpuAvg).toBeCloseTo(0.3);
    expect(minutes[0]?.netRxAvg).toBeCloseTo(20);
    const hours = await prisma.metricRollup.findMany({ where: { vdcId, appliance: 'db', resolution: 3600 } });
    expect(hours).toHaveLength(1);
    expect(hours[0]).toMatchObject({ at: new Date('2026-12-03T12:00:00Z'), samples: 4, cpuMax: 1, memoryLimit: 1000 });
    expect(hours[0]?.cpuAvg).toBeCloseTo((0.1 + 0.2 + 0.6 + 1.0) / 4);
    expect(hours[0]?.netRxAvg).toBeCloseTo((10 + 20 + 30 + 100) / 4);

    // A late sample of a minute already rolled up is counted by the next run.
    await prisma.metricSample.create({ data: sample('2026-12-03T12:28:30Z', 0, 0) });
    await rollUpMetrics(now);
    const late = await prisma.metricRollup.findUniqueOrThrow({
      where: { resolution_vdcId_appliance_replica_at: { resolution: 60, vdcId, appliance: 'db', replica: 1, at: new Date('2026-12-03T12:28:00Z') } },
    });
    expect(late).toMatchObject({ samples: 2, cpuAvg: 0.5, cpuMax: 1 });
  });

  it('keeps raw samples 1 h, minutes 24 h, hours 30 days', async () => {
    const prisma = getPrisma();
    await prisma.metricSample.create({ data: sample('2026-12-03T11:29:00Z', 0, 0) });
    const rollup = (resolution: number, at: string) => ({
      resolution,
      vdcId,
      appliance: 'old',
      replica: 1,
      at: new Date(at),
      samples: 1,
      ...Object.fromEntries(
        ['cpuAvg', 'cpuMax', 'memoryAvg', 'memoryMax', 'memoryLimit', 'netRxAvg', 'netRxMax', 'netTxAvg', 'netTxMax', 'blockReadAvg', 'blockReadMax', 'blockWriteAvg', 'blockWriteMax'].map((k) => [k, 0]),
      ),
    });
    await prisma.metricRollup.createMany({
      data: [
        rollup(60, '2026-12-02T12:29:00Z'),
        rollup(60, '2026-12-02T12:31:00Z'),
        rollup(3600, '2026-11-03T12:00:00Z'),
        rollup(3600, '2026-11-03T13:00:00Z'),
      ] as never,
    });
    await rollUpMetrics(now);
    expect(await prisma.metricSample.count({ where: { vdcId, at: { lt: new Date('2026-12-03T11:30:20Z') } } })).toBe(0);
    const kept = await prisma.metricRollup.findMany({ where: { vdcId, appliance: 'old' }, orderBy: { at: 'asc' } });
    expect(kept.map((r) => `${r.resolution}@${r.at.toISOString()}`)).toEqual(['3600@2026-11-03T13:00:00.000Z', '60@2026-12-02T12:31:00.000Z']);
  });
});

describe('vdcMetrics', () => {
  it('picks the resolution from the range and gives series per appliance (replicas summed) and per replica', async () => {
    const raw = await vdcMetrics(owner, 'watched', { range: '15m' });
    expect(raw.resolution).toBe(0);
    const web = raw.appliances.find((a) => a.name === 'web');
    expect(web?.replicas.map((r) => r.replica)).toEqual([1, 2]);
    const [one, two] = web?.replicas ?? [];
    const shared = one?.points.find((p) => two?.points.some((q) => q.t === p.t));
    const other = two?.points.find((q) => q.t === shared?.t);
    const summed = web?.points.find((p) => p.t === shared?.t);
    expect(summed?.cpu).toBeCloseTo((shared?.cpu ?? Number.NaN) + (other?.cpu ?? Number.NaN));
    expect(summed?.memoryLimit).toBe(2 * 48 * 1024 * 1024);

    const day = await vdcMetrics(owner, 'watched', { range: '24h', appliance: 'db' }, new Date('2026-12-03T12:30:20Z'));
    expect(day.resolution).toBe(60);
    expect(day.appliances.map((a) => [a.name, a.points.length])).toEqual([['db', 2]]);
    const month = await vdcMetrics(owner, 'watched', { range: '30d', appliance: 'db' }, new Date('2026-12-03T12:30:20Z'));
    expect(month.resolution).toBe(3600);
    expect(month.appliances[0]?.points[0]?.cpuMax).toBe(1);
  });

  it('is not found for another user', async () => {
    const stranger = await t.user();
    await expect(vdcMetrics(stranger, 'watched', { range: '1h' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('currentUsage', () => {
  it('sums the newest fresh sample of each replica per VDC, and nothing for samples over a minute old', async () => {
    const prisma = getPrisma();
    const now = new Date('2026-12-03T13:00:00Z');
    const row = (appliance: string, replica: number, at: string, cpu: number, memoryUsed: number) => ({
      vdcId: 'vdc_usage',
      appliance,
      replica,
      at: new Date(at),
      cpu,
      memoryUsed,
      memoryLimit: 1000,
      netRx: 0,
      netTx: 0,
      blockRead: 0,
      blockWrite: 0,
    });
    await prisma.metricSample.createMany({
      data: [
        row('web', 1, '2026-12-03T12:59:40Z', 0.9, 900),
        row('web', 1, '2026-12-03T12:59:50Z', 0.25, 100),
        row('web', 2, '2026-12-03T12:59:50Z', 0.5, 200),
        row('db', 1, '2026-12-03T12:58:00Z', 3, 3000),
      ],
    });
    const usage = await currentUsage(['vdc_usage', 'vdc_none'], now);
    expect([...usage.keys()]).toEqual(['vdc_usage']);
    expect(usage.get('vdc_usage')).toEqual({ cpu: 0.75, memoryUsed: 300, replicas: 2 });
    expect((await currentUsage([], now)).size).toBe(0);
  });
});
