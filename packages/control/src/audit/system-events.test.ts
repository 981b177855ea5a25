// What Colo does by itself, in the audit log under `system`: a schedule's operation (and its
// refusal), the flap guard's stop, and the end of every operation with its reason.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { checkEdgeListeners } from '../docker/edge-watch';
import { wakeEntryVdc } from '../entries/entry-wake';
import { recordFailure } from '../failures/record-failure';
import { failOperation } from '../operations/finish-operation';
import { requestOperation } from '../operations/request-operation';
import { runOperation } from '../operations/run-operation';
import { fireDueSchedules } from '../schedules/fire-schedules';
import { createSchedule } from '../schedules/manage-schedules';
import { type ControlTest, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { finishedAction } from './system-events';

let t: ControlTest;
let alice: AuthUser;
let shop: { id: string; name: string };

const events = (action: string) => getPrisma().auditEvent.findMany({ where: { action }, orderBy: { at: 'asc' } });

beforeAll(async () => {
  t = await setupControlTest('audit-system');
  alice = await t.user();
  const saved = await createVdc(alice, manifestOf('shop'));
  shop = { id: saved.vdc.id, name: 'shop' };
});
beforeEach(async () => {
  const prisma = getPrisma();
  await prisma.auditEvent.deleteMany();
  await prisma.schedule.deleteMany();
  await prisma.operation.deleteMany();
  await prisma.applianceFlag.deleteMany();
  await prisma.applianceFailure.deleteMany();
  const latest = await prisma.revision.findFirstOrThrow({ where: { vdcId: shop.id } });
  await prisma.vdc.update({ where: { id: shop.id }, data: { state: 'running', deployedRevisionId: latest.id, activeOperationId: null } });
});
afterAll(async () => {
  await t?.teardown();
});

describe("Colo's own requests", () => {
  it("records a schedule's operation as system, with the schedule; a skipped run is not a change", async () => {
    const schedule = await createSchedule(alice, 'shop', { kind: 'stop', cron: '0 3 * * *' });
    const due = new Date(Date.now() - 60_000);
    await getPrisma().schedule.update({ where: { id: schedule.id }, data: { nextRunAt: due } });
    const [fired] = await fireDueSchedules();
    expect(fired.result).toBe('requested');
    const [row] = await events('stopVdc');
    expect(row).toMatchObject({ actorId: null, actorEmail: 'system', via: 'system', outcome: 'ok', vdcId: shop.id, vdcName: 'shop' });
    expect(row.detail).toMatchObject({ requestedBy: 'schedule', schedule: schedule.id, operation: fired.operationId, kind: 'stop' });

    // A run skipped because there is nothing to do changed nothing: not in the log.
    await getPrisma().operation.updateMany({ data: { status: 'succeeded', finishedAt: new Date() } });
    await getPrisma().vdc.update({ where: { id: shop.id }, data: { state: 'stopped' } });
    await getPrisma().schedule.update({ where: { id: schedule.id }, data: { nextRunAt: due } });
    expect((await fireDueSchedules())[0].result).toMatch(/^skipped/);
    expect(await events('stopVdc')).toHaveLength(1);
  });

  it("records the flap guard's stop of an appliance, with why", async () => {
    const at = Date.now();
    for (let i = 0; i < 3; i++) {
      await recordFailure({ containerId: `c${i}`, container: 'colo-shop-box-1', vdcId: shop.id, appliance: 'box', kind: 'exited', exitCode: 1, at: new Date(at + i * 1000), key: `k-${at}-${i}` });
    }
    const [row] = await events('stopVdc');
    expect(row).toMatchObject({ via: 'system', vdcId: shop.id });
    expect(row.detail).toMatchObject({ requestedBy: 'flap guard', appliance: 'box', kind: 'stop' });
    expect(String((row.detail as { reason: string }).reason)).toMatch(/^failed 3 times in 24h/);
  });
});

describe("Colo's own requests, woken", () => {
  it('records a start asked for by a request held at a wake entry', async () => {
    const prisma = getPrisma();
    await prisma.vdc.update({ where: { id: shop.id }, data: { state: 'stopped' } });
    const { teamId } = await prisma.vdc.findUniqueOrThrow({ where: { id: shop.id }, select: { teamId: true } });
    await prisma.entry.create({
      data: { id: 'ent_audit', ownerId: alice.id, teamId, name: 'www', hostPort: 20999, vdcId: shop.id, appliance: 'box', terminal: 'in', state: 'ready', wakeOnRequest: true },
    });
    try {
      const outcome = await wakeEntryVdc('ent_audit');
      const [row] = await events('startVdc');
      expect(row).toMatchObject({ via: 'system', outcome: 'ok', vdcId: shop.id, vdcName: 'shop' });
      expect(row.detail).toMatchObject({ requestedBy: 'wake on request', entry: 'www', kind: 'start' });
      expect(outcome).toBe(`entry www: requested ${(row.detail as { operation: string }).operation}`);
      // A second held connection waits for that start: nothing more is recorded.
      expect(await wakeEntryVdc('ent_audit')).toMatch(/waiting for/);
      expect(await events('startVdc')).toHaveLength(1);
    } finally {
      await prisma.entry.delete({ where: { id: 'ent_audit' } });
    }
  });
});

describe("Colo's own repairs", () => {
  it('records the repair deploy of a published port whose listener is missing, with why', async () => {
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    const saved = await createVdc(alice, manifestOf('exposed', [{ name: 'box', class: 'sleeper', expose: [{ terminal: 'in', port }] }]));
    // As a finished deploy leaves it; no listener exists under this test's instance.
    await getPrisma().vdc.update({ where: { id: saved.vdc.id }, data: { state: 'running', deployedRevisionId: saved.revision.id } });
    const { repairs } = await checkEdgeListeners();
    expect(repairs).toHaveLength(1);
    const [row] = await events('deployVdc');
    expect(row).toMatchObject({ via: 'system', outcome: 'ok', vdcId: saved.vdc.id, vdcName: 'exposed' });
    expect(row.detail).toMatchObject({ requestedBy: 'edge repair', kind: 'deploy', repair: `edge listener missing for port ${port}` });
    expect(repairs[0]).toContain((row.detail as { operation: string }).operation);
  });
});

describe("an operation's end", () => {
  it('records a success and a failure with its reason, whoever asked for the operation', async () => {
    const stop = await requestOperation(alice, 'shop', 'stop');
    await runOperation(stop.id);
    const [ok] = await events('stopFinished');
    expect(ok).toMatchObject({ via: 'system', outcome: 'ok', vdcId: shop.id, vdcName: 'shop' });
    expect(ok.detail).toMatchObject({ operation: stop.id, kind: 'stop', requestedById: alice.id });

    const start = await requestOperation(alice, 'shop', 'start');
    expect(await failOperation(start.id, 'the worker died three times')).toBe(true);
    const [failed] = await events('startFinished');
    expect(failed).toMatchObject({ outcome: 'failed', vdcId: shop.id });
    expect(failed.detail).toMatchObject({ operation: start.id, kind: 'start', error: 'the worker died three times', code: 'internal' });
    // Failing it again changes nothing, and records nothing.
    expect(await failOperation(start.id, 'again')).toBe(false);
    expect(await events('startFinished')).toHaveLength(1);
  });

  it('names the end after the kind', () => {
    expect(finishedAction('deploy')).toBe('deployFinished');
    expect(finishedAction('entry_switch')).toBe('entrySwitchFinished');
    expect(finishedAction('snapshot_delete')).toBe('snapshotDeleteFinished');
  });
});
