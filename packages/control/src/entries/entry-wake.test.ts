// Who a held connection may wake: only a VDC stopped (by its user or a schedule) behind an entry
// with wake; one start however many connections ask; never a failed or destroyed VDC. The
// listener and the held connection themselves are tested on the real engine (engine's
// entries.integration.test.ts, the worker's wake.test.ts).
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { type ControlTest, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { wakeEntryVdc } from './entry-wake';

let t: ControlTest;
let user: AuthUser;
const entries: Record<string, string> = {};

async function vdcBehindEntry(name: string, state: 'running' | 'stopped' | 'failed' | 'destroyed', wakeOnRequest: boolean) {
  const saved = await createVdc(user, manifestOf(name, [{ name: 'box', class: 'sleeper' }]));
  await getPrisma().vdc.update({ where: { id: saved.vdc.id }, data: { state, deployedRevisionId: saved.revision.id } });
  const id = `ent_${name}`;
  await getPrisma().entry.create({
    data: { id, ownerId: user.id, teamId: (await getPrisma().vdc.findUniqueOrThrow({ where: { id: saved.vdc.id } })).teamId, name, hostPort: 20000 + Object.keys(entries).length, vdcId: saved.vdc.id, appliance: 'box', terminal: 'in', state: 'ready', wakeOnRequest },
  });
  entries[name] = id;
  return saved.vdc.id;
}

beforeAll(async () => {
  t = await setupControlTest('entry-wake');
  user = await t.user();
});
afterAll(async () => {
  await t?.teardown();
});

describe('wakeEntryVdc', () => {
  it('asks for one start of a stopped VDC, however many held connections ask', async () => {
    const vdcId = await vdcBehindEntry('sleepy', 'stopped', true);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => wakeEntryVdc(entries.sleepy)));
    const requested = outcomes.filter((o) => /^entry sleepy: requested op_\w+$/.test(o));
    expect(requested, outcomes.join('\n')).toHaveLength(1);
    expect(outcomes.filter((o) => /^entry sleepy: waiting for op_\w+$/.test(o))).toHaveLength(3);
    const ops = await getPrisma().operation.findMany({ where: { vdcId } });
    expect(ops).toMatchObject([{ kind: 'start', status: 'queued', requestedById: user.id }]);
  });

  it('wakes nothing that is not stopped, nor behind an entry without wake', async () => {
    await vdcBehindEntry('awake', 'running', true);
    await vdcBehindEntry('broken', 'failed', true);
    await vdcBehindEntry('gone', 'destroyed', true);
    await vdcBehindEntry('plain', 'stopped', false);
    expect(await wakeEntryVdc(entries.awake)).toBe('entry awake: skipped: VDC awake is running');
    expect(await wakeEntryVdc(entries.broken)).toBe('entry broken: skipped: VDC broken is failed');
    expect(await wakeEntryVdc(entries.gone)).toBe('entry gone: skipped: VDC gone is destroyed');
    expect(await wakeEntryVdc(entries.plain)).toBe('skipped: entry plain does not start its VDC on request');
    expect(await wakeEntryVdc('ent_nope')).toBe('skipped: the entry is gone');
    expect(await getPrisma().operation.count({ where: { vdc: { name: { in: ['awake', 'broken', 'gone', 'plain'] } } } })).toBe(0);
  });
});
