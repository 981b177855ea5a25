// POST /vdcs/:name/move through the real route handler and a real database: a bad body is a 400
// naming the field (a misspelt `node` is refused, never read as "any node") and writes nothing;
// an unknown or foreign VDC, an unknown appliance or snapshot is a 404; a good one queues a
// `move` operation (202) with what was asked, and the audit log names it. What the run does is the swarm tests' (tests/swarm).
import { createApiToken, createVdc } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let token: string;
let otherToken: string;
beforeAll(async () => {
  t = await setupControlTest('web-move');
  const alice = await t.user();
  token = (await createApiToken(alice.id, 'test')).token;
  otherToken = (await createApiToken((await t.user()).id, 'test')).token;
  await createVdc(alice, manifestOf('shop', [{ name: 'db', class: 'sleeper' }]));
});
afterAll(async () => {
  await t?.teardown();
});

async function move(name: string, body: unknown, bearer = token) {
  const req = new Request(`http://127.0.0.1/api/v1/vdcs/${name}/move`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  const res = await (POST as Handler)(req, { params: Promise.resolve({ name }) as Promise<never> });
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: res.status, json: (await res.json()) as any };
}

const moves = () => getPrisma().operation.count({ where: { kind: 'move' } });

describe('POST /vdcs/:name/move', () => {
  it('refuses a bad body with a 400 naming the field, and queues nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [{ appliance: '' }, /appliance/],
      [{ appliance: 'db', to: 'n2' }, /to/],
      // Without an appliance the whole VDC moves: unknown keys are still refused, so a misspelt
      // appliance never becomes the whole VDC, nor a misspelt node "any node".
      [{ to: 'n2' }, /to/],
      [{ applaince: 'db' }, /applaince/],
      [{ node: 'n2; rm -rf /' }, /node/],
      [{ snapshot: 0 }, /snapshot/],
      [{ appliance: 'db', node: '' }, /node/],
      [{ appliance: 'db', node: 'n2; rm -rf /' }, /node/],
      [{ appliance: 'db', snapshot: 0 }, /snapshot/],
      [{ appliance: 'db', snapshot: 'latest' }, /snapshot/],
    ];
    for (const [body, field] of cases) {
      const res = await move('shop', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('bad_request');
      expect(JSON.stringify(res.json.error), JSON.stringify(body)).toMatch(field);
    }
    expect(await moves()).toBe(0);
  });

  it("answers 404 for an unknown VDC and for another user's, and queues nothing", async () => {
    const unknown = await move('nowhere', { appliance: 'db' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('not_found');
    const foreign = await move('shop', { appliance: 'db' }, otherToken);
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.message).toMatch(/VDC "shop" not found/);
    expect(await moves()).toBe(0);
  });

  it('answers 404 for an appliance the VDC does not have and for a snapshot it does not have', async () => {
    const appliance = await move('shop', { appliance: 'nope' });
    expect(appliance.status).toBe(404);
    expect(appliance.json.error.message).toMatch(/no appliance "nope"/);
    // With a snapshot named too, the appliance is still checked.
    const both = await move('shop', { appliance: 'nope', snapshot: 9 });
    expect(both.status).toBe(404);
    expect(both.json.error.message).toMatch(/no appliance "nope"/);
    const snapshot = await move('shop', { appliance: 'db', snapshot: 9 });
    expect(snapshot.status).toBe(404);
    expect(snapshot.json.error.code).toBe('not_found');
    const wholeSnapshot = await move('shop', { snapshot: 9 });
    expect(wholeSnapshot.status).toBe(404);
    expect(wholeSnapshot.json.error.code).toBe('not_found');
    expect(await moves()).toBe(0);
  });

  it('queues a move (202) of the appliance asked, and audits it', async () => {
    const res = await move('shop', { appliance: 'db' });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    expect(res.json.operation).toMatchObject({ kind: 'move', status: 'queued', vdc: 'shop' });
    const row = await getPrisma().operation.findUniqueOrThrow({ where: { id: res.json.operation.id } });
    expect(row.params).toMatchObject({ appliance: 'db' });
    const audit = await getPrisma().auditEvent.findFirst({ where: { action: 'moveAppliance', status: 202 } });
    expect(audit).toMatchObject({ outcome: 'ok', status: 202, vdcName: 'shop' });
    expect(audit?.detail).toMatchObject({ operation: res.json.operation.id });
  });

  it('queues a move (202) of the whole VDC for a body without appliance, and audits it', async () => {
    const res = await move('shop', { node: 'n3' });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    expect(res.json.operation).toMatchObject({ kind: 'move', status: 'queued', vdc: 'shop' });
    const row = await getPrisma().operation.findUniqueOrThrow({ where: { id: res.json.operation.id } });
    expect(row.params).toEqual({ node: 'n3' });
    const audit = await getPrisma().auditEvent.findFirst({ where: { action: 'moveAppliance', status: 202, detail: { path: ['operation'], equals: res.json.operation.id } } });
    expect(audit).toMatchObject({ outcome: 'ok', status: 202, vdcName: 'shop' });
    const empty = await move('shop', {});
    expect(empty.status, JSON.stringify(empty.json)).toBe(202);
    expect((await getPrisma().operation.findUniqueOrThrow({ where: { id: empty.json.operation.id } })).params).toEqual({});
  });
});
