// Reading the audit log against a real Postgres: who sees which events, every filter, keyset
// pages that neither skip nor repeat, CSV that a spreadsheet reads as text, an export that
// stops at its cap and says so, and events that outlive their VDC.
import { getPrisma, type Prisma } from '@colo/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { newId } from '../ids';
import { type ControlTest, failure, manifestOf, setupControlTest } from '../testing';
import { deleteVdc } from '../vdcs/delete-vdc';
import { renameVdc } from '../vdcs/rename-vdc';
import { createVdc } from '../vdcs/save-vdc';
import { csvCell } from './audit-csv';
import { exportAuditEvents } from './export-audit';
import { listAuditEvents } from './list-audit';
import { recordAudit, SYSTEM_ACTOR } from './record-audit';

let t: ControlTest;
let alice: AuthUser;
let bob: AuthUser;
let admin: AuthUser;
let shop: { id: string; name: string };
let blog: { id: string; name: string };

const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const minutes = (n: number) => new Date(T0 + n * 60_000);

/** One event at a chosen time (recordAudit stamps now; reading is about time). */
async function seed(row: Partial<Prisma.AuditEventUncheckedCreateInput> & { at: Date; action: string }): Promise<string> {
  const id = newId('aud');
  await getPrisma().auditEvent.create({ data: { id, actorEmail: 'system', via: 'system', outcome: 'ok', ...row } });
  return id;
}

async function all(user: AuthUser, query: Record<string, string> = {}): Promise<string[]> {
  return (await listAuditEvents(user, { ...query, limit: 500 })).events.map((e) => e.id);
}

async function text(stream: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk;
  return out;
}

beforeAll(async () => {
  t = await setupControlTest('audit-log');
  alice = await t.user('Alice@colo.test');
  bob = await t.user();
  admin = await t.user();
  await getPrisma().user.update({ where: { id: admin.id }, data: { role: 'admin' } });
  const s = await createVdc(alice, manifestOf('shop'));
  shop = { id: s.vdc.id, name: 'shop' };
  const b = await createVdc(bob, manifestOf('blog'));
  blog = { id: b.vdc.id, name: 'blog' };
});
beforeEach(async () => {
  await getPrisma().auditEvent.deleteMany();
});
afterAll(async () => {
  await t?.teardown();
});

describe('who sees which events', () => {
  it('a user sees what they did and what happened to their VDCs; an admin sees everything', async () => {
    const aliceDeploy = await seed({ at: minutes(1), action: 'deployVdc', actorId: alice.id, actorEmail: alice.email, via: 'session', vdcId: shop.id, vdcName: 'shop' });
    const systemOnShop = await seed({ at: minutes(2), action: 'deployFinished', vdcId: shop.id, vdcName: 'shop' });
    const bobOnBlog = await seed({ at: minutes(3), action: 'stopVdc', actorId: bob.id, actorEmail: bob.email, via: 'token', vdcId: blog.id, vdcName: 'blog' });
    const systemOnBlog = await seed({ at: minutes(4), action: 'stopFinished', vdcId: blog.id, vdcName: 'blog' });
    // Alice tried Bob's VDC: her attempt is hers to see, the VDC stays Bob's.
    const aliceDenied = await seed({ at: minutes(5), action: 'deployVdc', actorId: alice.id, actorEmail: alice.email, via: 'session', outcome: 'denied', vdcName: 'blog' });
    const adminSignIn = await seed({ at: minutes(6), action: 'signIn', actorId: admin.id, actorEmail: admin.email, via: 'session' });

    expect(await all(alice)).toEqual([aliceDenied, systemOnShop, aliceDeploy]);
    expect(await all(bob)).toEqual([systemOnBlog, bobOnBlog]);
    expect(await all(admin)).toEqual([adminSignIn, aliceDenied, systemOnBlog, bobOnBlog, systemOnShop, aliceDeploy]);
    // A filter never widens what one may see.
    expect(await all(bob, { vdc: 'shop' })).toEqual([]);
    expect(await all(bob, { actor: alice.email })).toEqual([]);
  });
});

describe('filters', () => {
  it('by time (ISO or a span back from now), actor, action prefix, outcome and VDC', async () => {
    const a = await seed({ at: minutes(1), action: 'deployVdc', actorId: alice.id, actorEmail: alice.email, via: 'session', vdcId: shop.id, vdcName: 'shop' });
    const b = await seed({ at: minutes(2), action: 'deployFinished', outcome: 'failed', vdcId: shop.id, vdcName: 'shop' });
    const c = await seed({ at: minutes(3), action: 'createToken', actorId: alice.id, actorEmail: alice.email, via: 'session' });
    const d = await seed({ at: minutes(4), action: 'stopVdc', actorId: alice.id, actorEmail: alice.email, via: 'token', outcome: 'denied', vdcId: shop.id, vdcName: 'shop' });
    const recent = await recordAudit({ actor: SYSTEM_ACTOR, action: 'startVdc', outcome: 'ok', vdc: shop });

    expect(await all(admin, { since: minutes(2).toISOString(), until: minutes(3).toISOString() })).toEqual([c, b]);
    expect(await all(admin, { since: '1h' })).toEqual([recent]);
    expect(await all(admin, { actor: 'alice@COLO.test' })).toEqual([d, c, a]);
    expect(await all(admin, { actor: alice.id })).toEqual([d, c, a]);
    expect(await all(admin, { actor: 'system' })).toEqual([recent, b]);
    expect(await all(admin, { action: 'deploy' })).toEqual([b, a]);
    expect(await all(admin, { action: 'createToken' })).toEqual([c]);
    expect(await all(admin, { outcome: 'denied' })).toEqual([d]);
    expect(await all(admin, { outcome: 'failed', vdc: 'shop' })).toEqual([b]);
    expect(await all(admin, { vdc: shop.id })).toEqual([recent, d, b, a]);
    expect(await all(alice, { vdc: 'shop', action: 'stop' })).toEqual([d]);
  });

  it('refuses a filter it cannot read, naming the field', async () => {
    expect((await failure(listAuditEvents(admin, { since: 'yesterday' }))).message).toMatch(/^since: must be an ISO date/);
    expect((await failure(listAuditEvents(admin, { outcome: 'maybe' }))).message).toMatch(/^outcome:/);
    expect((await failure(listAuditEvents(admin, { action: 'deploy%' }))).message).toMatch(/^action: must be letters and digits/);
    expect((await failure(listAuditEvents(admin, { since: minutes(5).toISOString(), until: minutes(1).toISOString() }))).message).toBe('since: must be before until');
    expect((await failure(listAuditEvents(admin, { cursor: 'bm90IGEgY3Vyc29y' }))).code).toBe('bad_request');
    expect((await failure(listAuditEvents(admin, { vdc: 'a\u0000b' }))).message).toBe('vdc: must not contain control characters');
  });
});

describe('paging', () => {
  it('walks every event once, newest first, ties on the time included, however many pages', async () => {
    const ids: string[] = [];
    for (const m of [1, 2, 2, 2, 3, 4, 4]) ids.push(await seed({ at: minutes(m), action: 'deployVdc', vdcId: shop.id, vdcName: 'shop' }));
    const expected = await all(admin);
    expect(expected).toHaveLength(7);
    expect(new Set(expected)).toEqual(new Set(ids));

    const walked: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEvents(admin, { limit: 2, cursor });
      walked.push(...page.events.map((e) => e.id));
      // A page written between two reads lands before the cursor: the walk is not disturbed.
      if (pages === 0) await seed({ at: minutes(9), action: 'stopVdc' });
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(walked).toEqual(expected);
    expect(pages).toBe(4);
  });
});

describe('CSV and JSON export', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const bad of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx']) expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell(403)).toBe('403');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ error: 'x' })).toBe('"{""error"":""x""}"');
  });

  it('exports the filtered events as CSV a spreadsheet reads as text, and stops at the cap saying so', async () => {
    await seed({ at: minutes(1), action: 'signIn', actorEmail: '=cmd|" /C calc"!A0', via: 'session', outcome: 'denied', detail: { error: 'bad, "password"' } });
    for (const m of [2, 3, 4]) await seed({ at: minutes(m), action: 'deployVdc', actorId: alice.id, actorEmail: alice.email, via: 'session', vdcId: shop.id, vdcName: 'shop' });

    const csv = await text((await exportAuditEvents(admin, { action: 'signIn' }, 'csv')).body);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,at,actor_email,actor_id,via,token_id,address,action,outcome,status,vdc_name,vdc_id,detail');
    expect(lines[1]).toContain(`,"'=cmd|"" /C calc""!A0",`);
    expect(lines[1]).toContain(`"{""error"":""bad, \\""password\\""""}"`);
    expect(lines).toHaveLength(3); // header, one record, the empty string after the last CRLF

    const capped = await exportAuditEvents(alice, {}, 'csv', { cap: 2, batch: 1 });
    expect(capped.contentType).toMatch(/^text\/csv/);
    const rows = (await text(capped.body)).trimEnd().split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatch(/^truncated,.*export stopped at 2 events/);

    const exact = (await text((await exportAuditEvents(alice, {}, 'csv', { cap: 3, batch: 2 })).body)).trimEnd().split('\r\n');
    expect(exact).toHaveLength(4);
    expect(exact.some((r) => r.startsWith('truncated'))).toBe(false);

    const json = JSON.parse(await text((await exportAuditEvents(alice, { action: 'deploy' }, 'json', { cap: 2 })).body));
    expect(json.events.map((e: { at: string }) => e.at)).toEqual([minutes(4).toISOString(), minutes(3).toISOString()]);
    expect(json.truncated).toBe(true);
    expect(json.note).toMatch(/narrow the filter/);
    const whole = JSON.parse(await text((await exportAuditEvents(bob, {}, 'json')).body));
    expect(whole).toEqual({ events: [], truncated: false });
    expect((await failure(exportAuditEvents(alice, {}, 'xml' as 'csv'))).code).toBe('bad_request');
  });
});

describe('kept when the VDC is deleted', () => {
  it('finds the events of a renamed then deleted VDC by either name or its id', async () => {
    const made = await createVdc(alice, manifestOf('temp'));
    const temp = made.vdc.id;
    await recordAudit({ actor: { user: alice, via: 'session' }, action: 'deployVdc', outcome: 'ok', vdc: { id: temp, name: 'temp' } });
    await renameVdc(alice, 'temp', 'temp-2');
    await recordAudit({ actor: { user: alice, via: 'session' }, action: 'deleteVdc', outcome: 'ok', vdc: { id: temp, name: 'temp-2' } });
    // Before the delete, the current name also finds the events under its old one.
    expect(await all(alice, { vdc: 'temp-2' })).toHaveLength(2);
    await deleteVdc(alice, 'temp-2');
    expect(await getPrisma().vdc.findUnique({ where: { id: temp } })).toBeNull();

    expect(await all(alice, { vdc: temp })).toHaveLength(2);
    expect(await all(alice, { vdc: 'temp' })).toHaveLength(1);
    expect(await all(admin, { vdc: 'temp-2' })).toHaveLength(1);
    expect((await listAuditEvents(admin, { vdc: temp })).events.map((e) => [e.action, e.vdc])).toEqual([
      ['deleteVdc', { id: temp, name: 'temp-2' }],
      ['deployVdc', { id: temp, name: 'temp' }],
    ]);
  });
});
