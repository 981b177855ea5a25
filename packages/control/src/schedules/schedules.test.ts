// Schedules against a real Postgres and Redis: every refusal names the field and writes nothing;
// a due schedule fires once however many tickers race for it, a missed run fires once on
// recovery, a busy or pointless run is skipped and said so; a scheduled snapshot (run for real)
// prunes its schedule's oldest snapshots beyond `keep`, never a manual one nor one a restore waits for.
import { getPrisma } from '@colo/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { newId } from '../ids';
import { requestOperation } from '../operations/request-operation';
import { runOperation } from '../operations/run-operation';
import { type ControlTest, failure, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { fireDueSchedules } from './fire-schedules';
import { createSchedule, deleteSchedule, listSchedules, updateSchedule } from './manage-schedules';
import { prunableSnapshots } from './prune-scheduled';
import { startScheduleTicker } from './schedule-ticker';

let t: ControlTest;
let alice: AuthUser;
let bob: AuthUser;
const NOW = new Date('2026-12-02T10:15:30.000Z');
const at = (iso: string) => new Date(iso);

async function vdcIn(user: AuthUser, name: string, state: 'new' | 'running' | 'stopped') {
  const saved = await createVdc(user, manifestOf(name));
  await getPrisma().vdc.update({ where: { id: saved.vdc.id }, data: { state, ...(state === 'new' ? {} : { deployedRevisionId: saved.revision.id }) } });
  return saved;
}

/** Marks every queued or running operation finished, as a worker would have. */
async function finishAll() {
  await getPrisma().operation.updateMany({ where: { status: { in: ['queued', 'running'] } }, data: { status: 'succeeded', finishedAt: new Date() } });
}

beforeAll(async () => {
  t = await setupControlTest('schedules');
  alice = await t.user();
  bob = await t.user();
  await vdcIn(alice, 'shop', 'running');
  await vdcIn(alice, 'draft', 'new');
  await vdcIn(bob, 'other', 'running');
});
afterEach(async () => {
  const prisma = getPrisma();
  await prisma.schedule.deleteMany();
  await prisma.snapshot.deleteMany();
  await prisma.operation.deleteMany();
});
afterAll(async () => {
  await t?.teardown();
});

describe('setting a schedule', () => {
  it('refuses bad input, naming the field, and writes nothing', async () => {
    const cases: [string, unknown, string, RegExp][] = [
      ['shop', { kind: 'snapshot', cron: '0 3 * *', keep: 3 }, 'bad_request', /^cron: needs 5 fields/],
      ['shop', { kind: 'snapshot', cron: '61 3 * * *', keep: 3 }, 'bad_request', /^cron: minute 61 is out of range 0-59$/],
      ['shop', { kind: 'snapshot', cron: 5, keep: 3 }, 'bad_request', /^cron: must be a cron expression/],
      ['shop', { kind: 'snapshot', cron: '0 3 * * *', keep: 0 }, 'bad_request', /^keep: must be at least 1$/],
      ['shop', { kind: 'snapshot', cron: '0 3 * * *', keep: 1.5 }, 'bad_request', /^keep: must be a whole number/],
      ['shop', { kind: 'snapshot', cron: '0 3 * * *' }, 'bad_request', /^keep: is required for a snapshot schedule/],
      ['shop', { kind: 'stop', cron: '0 22 * * *', keep: 2 }, 'bad_request', /^keep: applies to snapshot schedules only, not stop$/],
      ['shop', { kind: 'reboot', cron: '0 22 * * *' }, 'bad_request', /^kind: must be snapshot, stop or start$/],
      ['shop', { kind: 'stop', cron: '0 22 * * *', when: 'now' }, 'bad_request', /when|Unrecognized/],
      ['shop', { kind: 'stop', cron: '0 22 * * *', enabled: 'yes' }, 'bad_request', /^enabled: must be true or false$/],
      ['nope', { kind: 'stop', cron: '0 22 * * *' }, 'not_found', /^VDC "nope" not found$/],
      ['other', { kind: 'stop', cron: '0 22 * * *' }, 'not_found', /^VDC "other" not found$/],
    ];
    for (const [vdc, body, code, message] of cases) {
      const err = await failure(createSchedule(alice, vdc, body, NOW));
      expect(err.code, JSON.stringify(body)).toBe(code);
      expect(err.message, JSON.stringify(body)).toMatch(message);
    }
    expect(await getPrisma().schedule.count()).toBe(0);
  });

  it('computes the next run in UTC, switches off and on, refuses a duplicate, and removes', async () => {
    const s = await createSchedule(alice, 'shop', { kind: 'snapshot', cron: ' 0 3 * * * ', keep: 7 }, NOW);
    expect(s).toMatchObject({ vdc: 'shop', kind: 'snapshot', cron: '0 3 * * *', timezone: 'UTC', keep: 7, enabled: true, lastRunAt: null, lastResult: null });
    expect(s.id).toMatch(/^sch_/);
    expect(s.nextRunAt?.toISOString()).toBe('2026-12-03T03:00:00.000Z');

    const dup = await failure(createSchedule(alice, 'shop', { kind: 'snapshot', cron: '0 3 * * *', keep: 2 }, NOW));
    expect(dup.code).toBe('name_taken');
    expect(dup.message).toContain(s.id);

    const off = await updateSchedule(alice, 'shop', s.id, { enabled: false }, NOW);
    expect(off).toMatchObject({ enabled: false, nextRunAt: null });
    const on = await updateSchedule(alice, 'shop', s.id, { enabled: true, cron: '30 */4 * * *', keep: 3 }, NOW);
    expect(on).toMatchObject({ enabled: true, keep: 3, cron: '30 */4 * * *' });
    expect(on.nextRunAt?.toISOString()).toBe('2026-12-02T12:30:00.000Z');

    const refusals: [unknown, RegExp][] = [
      [{ cron: '* * *' }, /^cron: needs 5 fields/],
      [{ keep: -1 }, /^keep: must be at least 1/],
      [{ enabled: 1 }, /^enabled: /],
    ];
    for (const [body, message] of refusals) expect((await failure(updateSchedule(alice, 'shop', s.id, body, NOW))).message).toMatch(message);
    expect((await failure(updateSchedule(bob, 'shop', s.id, { enabled: false }))).code).toBe('not_found');
    expect((await failure(deleteSchedule(alice, 'shop', 'sch_nope'))).message).toBe('VDC "shop" has no schedule "sch_nope"');
    expect(await listSchedules(alice, 'shop')).toMatchObject([{ id: s.id, cron: '30 */4 * * *', keep: 3 }]);

    const stop = await createSchedule(alice, 'shop', { kind: 'stop', cron: '0 22 * * mon-fri', enabled: false }, NOW);
    expect(stop).toMatchObject({ keep: null, enabled: false, nextRunAt: null });
    expect((await failure(updateSchedule(alice, 'shop', stop.id, { keep: 2 }))).message).toBe('keep: applies to snapshot schedules only, not stop');

    await deleteSchedule(alice, 'shop', s.id);
    await deleteSchedule(alice, 'shop', stop.id);
    expect(await listSchedules(alice, 'shop')).toEqual([]);
  });
});

describe('firing', () => {
  it('fires only what is due, once, and counts the next run from now: missed runs fire once', async () => {
    const hourly = await createSchedule(alice, 'shop', { kind: 'snapshot', cron: '0 * * * *', keep: 2 }, at('2026-12-02T04:10:00Z'));
    expect(hourly.nextRunAt?.toISOString()).toBe('2026-12-02T05:00:00.000Z');
    expect(await fireDueSchedules(at('2026-12-02T04:59:59Z'))).toEqual([]);

    // The worker was down from 04:30 to 10:15: six hourly slots went by.
    const fired = await fireDueSchedules(NOW);
    expect(fired).toEqual([{ scheduleId: hourly.id, vdc: 'shop', kind: 'snapshot', result: 'requested', operationId: expect.stringMatching(/^op_/) }]);
    const ops = await getPrisma().operation.findMany({ where: { kind: 'snapshot' } });
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ id: fired[0].operationId, status: 'queued', requestedById: alice.id });
    expect(ops[0].params).toMatchObject({ schedule: hourly.id, note: 'scheduled (0 * * * * UTC, keeps 2)' });
    const [view] = await listSchedules(alice, 'shop');
    expect(view).toMatchObject({ lastResult: 'requested', lastOperation: { id: fired[0].operationId, status: 'queued' } });
    expect(view.lastRunAt?.toISOString()).toBe(NOW.toISOString());
    expect(view.nextRunAt?.toISOString()).toBe('2026-12-02T11:00:00.000Z');
    expect(await fireDueSchedules(NOW)).toEqual([]);

    // Due again while its snapshot still waits in the queue: skipped, not piled up.
    const later = at('2026-12-02T11:00:05Z');
    expect(await fireDueSchedules(later)).toMatchObject([{ result: `skipped: busy: the previous run (${fired[0].operationId}) is still queued` }]);
    expect(await getPrisma().operation.count()).toBe(1);
    await deleteSchedule(alice, 'shop', hourly.id);
  });

  it('skips a stop of a VDC not running, a start of one running, a snapshot of one never deployed', async () => {
    await vdcIn(alice, 'idle', 'stopped');
    const made = [
      await createSchedule(alice, 'idle', { kind: 'stop', cron: '0 22 * * *' }, at('2026-12-01T00:00:00Z')),
      await createSchedule(alice, 'shop', { kind: 'start', cron: '0 7 * * *' }, at('2026-12-01T00:00:00Z')),
      await createSchedule(alice, 'draft', { kind: 'snapshot', cron: '0 3 * * *', keep: 1 }, at('2026-12-01T00:00:00Z')),
      await createSchedule(alice, 'idle', { kind: 'start', cron: '0 7 * * *' }, at('2026-12-01T00:00:00Z')),
    ];
    const fired = await fireDueSchedules(NOW);
    const byId = new Map(fired.map((f) => [f.scheduleId, f.result]));
    expect([...byId.values()]).toHaveLength(4);
    expect(byId.get(made[0].id)).toBe('skipped: the VDC is stopped');
    expect(byId.get(made[1].id)).toBe('skipped: the VDC is running already');
    expect(byId.get(made[2].id)).toBe('skipped: the VDC was never deployed');
    expect(byId.get(made[3].id)).toBe('requested');
    const ops = await getPrisma().operation.findMany();
    expect(ops.map((o) => o.kind)).toEqual(['start']);
    expect(ops[0].params).toEqual({});
  });

  it('fires each due run exactly once with several tickers racing', async () => {
    const vdcs = ['race-a', 'race-b', 'race-c'];
    for (const name of vdcs) await vdcIn(alice, name, 'running');
    const made: string[] = [];
    const since = at('2026-12-01T00:00:00Z');
    for (const name of vdcs) {
      made.push((await createSchedule(alice, name, { kind: 'snapshot', cron: '*/5 * * * *', keep: 3 }, since)).id);
      made.push((await createSchedule(alice, name, { kind: 'stop', cron: '0 22 * * *' }, since)).id);
    }
    for (let round = 0; round < 3; round++) {
      const now = new Date(NOW.getTime() + round * 86_400_000);
      const results = await Promise.all([fireDueSchedules(now), fireDueSchedules(now), fireDueSchedules(now), fireDueSchedules(now)]);
      const won = results.flat();
      expect(won.map((f) => f.scheduleId).sort(), `round ${round}`).toEqual([...made].sort());
      expect(won.every((f) => f.result === 'requested'), JSON.stringify(won)).toBe(true);
      expect(await getPrisma().operation.count({ where: { status: 'queued' } })).toBe(made.length);
      await finishAll();
    }
    expect(await getPrisma().operation.count({ where: { vdc: { name: { in: vdcs } } } })).toBe(made.length * 3);
  });

  it('the ticker fires what is due at start and logs it', async () => {
    const s = await createSchedule(alice, 'shop', { kind: 'stop', cron: '0 22 * * *' }, at('2026-12-01T00:00:00Z'));
    const lines: string[] = [];
    const ticker = startScheduleTicker({ intervalMs: 60_000, log: (l) => lines.push(l), now: () => NOW });
    // The tick asked for now joins the one started with the ticker, which took the run.
    expect(await ticker.tick()).toMatchObject([{ scheduleId: s.id, result: 'requested' }]);
    expect(await ticker.tick()).toEqual([]);
    await ticker.close();
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^schedule ${s.id}: stop of shop requested \\(op_\\w+\\)$`))]);
    expect(await getPrisma().operation.count({ where: { kind: 'stop' } })).toBe(1);
  });
});

describe('keeping the last N scheduled snapshots', () => {
  /** A ready snapshot row of `shop` (no volumes), taken by `scheduleId` or by hand. */
  async function snapshotRow(scheduleId: string | null) {
    const prisma = getPrisma();
    const vdc = await prisma.vdc.findFirstOrThrow({ where: { ownerId: alice.id, name: 'shop' } });
    const op = await prisma.operation.create({ data: { id: newId('op'), vdcId: vdc.id, kind: 'snapshot', status: 'succeeded', requestedById: alice.id } });
    const number = vdc.latestSnapshot + 1;
    await prisma.vdc.update({ where: { id: vdc.id }, data: { latestSnapshot: number } });
    await prisma.snapshot.create({
      data: { id: newId('snap'), vdcId: vdc.id, number, revisionId: vdc.deployedRevisionId as string, status: 'ready', operationId: op.id, createdById: alice.id, scheduleId },
    });
    return number;
  }

  it('chooses the schedule\'s own snapshots beyond keep, sparing manual ones, other schedules\' and those a restore or clone waits for', async () => {
    const s = await createSchedule(alice, 'shop', { kind: 'snapshot', cron: '0 3 * * *', keep: 2 }, NOW);
    const vdcId = (await getPrisma().schedule.findUniqueOrThrow({ where: { id: s.id } })).vdcId;
    const n1 = await snapshotRow(s.id);
    await snapshotRow(null); // by hand
    const n3 = await snapshotRow(s.id);
    await snapshotRow('sch_another'); // another schedule's
    await snapshotRow(s.id);
    await snapshotRow(s.id);
    expect((await prunableSnapshots(vdcId, s.id)).map((x) => x.number)).toEqual([n3, n1]);

    const restore = await requestOperation(alice, 'shop', 'restore', { snapshot: n1 });
    expect((await prunableSnapshots(vdcId, s.id)).map((x) => x.number)).toEqual([n3]);
    await getPrisma().operation.update({ where: { id: restore.id }, data: { status: 'failed' } });
    expect((await prunableSnapshots(vdcId, s.id)).map((x) => x.number)).toEqual([n3, n1]);

    await updateSchedule(alice, 'shop', s.id, { keep: 4 });
    expect(await prunableSnapshots(vdcId, s.id)).toEqual([]);
    await deleteSchedule(alice, 'shop', s.id);
    expect(await prunableSnapshots(vdcId, s.id)).toEqual([]);
  });

  it('a scheduled snapshot run for real deletes the oldest beyond keep and leaves the manual one', async () => {
    const s = await createSchedule(alice, 'shop', { kind: 'snapshot', cron: '0 * * * *', keep: 2 }, at('2026-12-02T00:30:00Z'));
    const manualOp = await requestOperation(alice, 'shop', 'snapshot', { note: 'by hand' });
    expect(await runOperation(manualOp.id)).toBe('succeeded');
    const manual = ((await getPrisma().operation.findUniqueOrThrow({ where: { id: manualOp.id } })).result as { snapshot: number }).snapshot;
    const taken: number[] = [];
    for (let hour = 1; hour <= 4; hour++) {
      const [fired] = await fireDueSchedules(at(`2026-12-02T0${hour}:00:10Z`));
      expect(fired, `hour ${hour}`).toMatchObject({ scheduleId: s.id, result: 'requested' });
      expect(await runOperation(fired.operationId as string)).toBe('succeeded');
      const op = await getPrisma().operation.findUniqueOrThrow({ where: { id: fired.operationId as string }, include: { steps: true, logs: true } });
      taken.push((op.result as { snapshot: number }).snapshot);
      expect(op.steps.map((x) => [x.key, x.status])).toEqual([
        ['snapshot', 'done'],
        ['prune', 'done'],
      ]);
      if (hour >= 3) expect(op.logs.map((l) => l.message).join('\n')).toContain(`deleted scheduled snapshot ${taken[hour - 3]} and its 0 volumes`);
    }
    const left = await getPrisma().snapshot.findMany({ orderBy: { number: 'asc' }, select: { number: true, scheduleId: true, note: true } });
    expect(left).toEqual([
      { number: manual, scheduleId: null, note: 'by hand' },
      { number: taken[2], scheduleId: s.id, note: 'scheduled (0 * * * * UTC, keeps 2)' },
      { number: taken[3], scheduleId: s.id, note: 'scheduled (0 * * * * UTC, keeps 2)' },
    ]);
    expect(taken).toEqual([manual + 1, manual + 2, manual + 3, manual + 4]);
  });
});
