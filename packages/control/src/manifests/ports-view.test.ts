// GET /ports: the ports a new VDC cannot publish, in the validator's words, with a free one offered.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { validateForUser } from '../catalog-view';
import { type ControlTest, failure, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { portsView } from './ports-view';

let t: ControlTest;
let alice: AuthUser;
let bob: AuthUser;
const servers: Server[] = [];

beforeAll(async () => {
  t = await setupControlTest('ports-view');
  alice = await t.user();
  bob = await t.user();
});
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  await t?.teardown();
});

/** A port on 127.0.0.1 held by a plain Node server (`keep`), or one that was free a moment ago. */
async function port(keep: boolean): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const { port } = server.address() as { port: number };
  if (keep) servers.push(server);
  else await new Promise((r) => server.close(r));
  return port;
}

const exposing = (name: string, ports: number[]) =>
  manifestOf(name, ports.map((p, i) => ({ name: `box${i}`, class: 'sleeper', expose: [{ terminal: 'in', port: p }] })));

describe('portsView', () => {
  it("names who holds each near port in the validator's words and offers the next free one", async () => {
    const [shopA, shopB, held, free] = [await port(false), await port(false), await port(true), await port(false)];
    await createVdc(alice, exposing('shop', [shopA, shopB]));

    const view = await portsView(alice, { near: [shopA, shopB, held, free] });
    expect(view.taken).toEqual(expect.arrayContaining([{ port: shopA, holder: 'VDC "shop"' }, { port: shopB, holder: 'VDC "shop"' }]));
    const [a, b, h, f] = view.near;

    // The same words as the validator gives for a manifest publishing those ports.
    const verdict = await validateForUser(alice, exposing('blog', [shopA, held]));
    expect(a?.problem).toBe(verdict.errors[0]?.message);
    expect(h?.problem).toBe(verdict.errors[1]?.message);
    expect(h?.problem).toBe(`host port ${held} is in use on 127.0.0.1 by another program`);

    expect(f).toEqual({ port: free, free });
    for (const p of [a, b, h]) {
      expect(p?.free).toBeGreaterThan(p?.port ?? 0);
      expect(view.taken.map((x) => x.port)).not.toContain(p?.free);
    }
    // Each taken port is offered its own free one.
    expect(new Set([a?.free, b?.free, h?.free]).size).toBe(3);
    // What it offers is really free: a VDC publishing it validates.
    expect((await validateForUser(alice, exposing('blog', [a?.free ?? 0]))).errors).toEqual([]);
  });

  it("does not name another user's VDC, and refuses a team the caller is not in", async () => {
    const shop = await port(false);
    await createVdc(alice, exposing('wiki', [shop]));
    const view = await portsView(bob, { near: [shop] });
    expect(view.near[0]?.problem).toBe(`host port ${shop} is already used by another user's VDC`);
    expect((await failure(portsView(bob, { team: 'no-such-team' }))).code).toBe('not_found');
  });
});
