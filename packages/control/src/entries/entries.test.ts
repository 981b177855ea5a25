// Asking for entries: every refusal names what is wrong and changes nothing; an accepted request
// writes the entry with its operation (of the target VDC); an entry holds its VDC and its port.
// The runs themselves (listener, switch under load) are tested end to end in tests/acceptance.
import { createServer, type Server } from 'node:net';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { requestOperation } from '../operations/request-operation';
import { type ControlTest, failure, manifestOf, setupControlTest } from '../testing';
import { deleteVdc } from '../vdcs/delete-vdc';
import { createVdc, updateVdc } from '../vdcs/save-vdc';
import { chooseTarget } from './entry-target';
import { checkEntries } from './entry-watch';
import { listEntries, readEntryView } from './read-entries';
import { createEntry, deleteEntry, switchEntry } from './request-entry';

let t: ControlTest;
let alice: AuthUser;
let bob: AuthUser;
let held: Server;
let heldPort = 0;
const ports = { shop: 0, next: 0, entry: 0 };

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

async function freePort(): Promise<number> {
  const { server, port } = await listen();
  await new Promise((r) => server.close(r));
  return port;
}

/** A VDC that exposes box.in, marked deployed and running (no Docker needed to ask for entries). */
async function runningVdc(user: AuthUser, name: string, port: number, extra: Record<string, unknown>[] = []) {
  const saved = await createVdc(user, manifestOf(name, [{ name: 'box', class: 'sleeper', expose: [{ terminal: 'in', port }] }, ...extra]));
  await getPrisma().vdc.update({ where: { id: saved.vdc.id }, data: { state: 'running', deployedRevisionId: saved.revision.id } });
  return saved;
}

beforeAll(async () => {
  t = await setupControlTest('entries');
  alice = await t.user();
  bob = await t.user();
  for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
  ({ server: held, port: heldPort } = await listen());
  await runningVdc(alice, 'shop', ports.shop);
  await runningVdc(alice, 'next', ports.next);
  await createVdc(alice, manifestOf('draft'));
});
afterAll(async () => {
  held?.close();
  await t?.teardown();
});

describe('asking for an entry', () => {
  it('refuses bad input, naming the field, and writes nothing', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ name: 'Bad Name', port: ports.entry, vdc: 'shop' }, 'bad_request', /^name: must be lowercase/],
      [{ name: 'www', port: 80, vdc: 'shop' }, 'bad_request', /^port: must be 1024–65535/],
      [{ name: 'www', port: 'x', vdc: 'shop' }, 'bad_request', /^port: /],
      [{ name: 'www', port: ports.entry }, 'bad_request', /^vdc: /],
      [{ name: 'www', port: ports.entry, vdc: 'shop', extra: 1 }, 'bad_request', /extra|Unrecognized/],
      [{ name: 'www', port: ports.entry, vdc: 'nope' }, 'not_found', /VDC "nope" not found/],
      [{ name: 'www', port: ports.entry, vdc: 'draft' }, 'bad_request', /^vdc: VDC "draft" is not deployed/],
      [{ name: 'www', port: ports.entry, vdc: 'shop', target: 'box' }, 'bad_request', /is not appliance\.terminal/],
      [{ name: 'www', port: ports.entry, vdc: 'shop', target: 'box.out' }, 'bad_request', /does not expose box\.out: it exposes box\.in/],
      [{ name: 'www', port: ports.shop, vdc: 'shop' }, 'name_taken', new RegExp(`^port: host port ${ports.shop} is already used by VDC "shop"`)],
      [{ name: 'www', port: heldPort, vdc: 'shop' }, 'name_taken', new RegExp(`host port ${heldPort} is in use on 127.0.0.1 by another program`)],
    ];
    for (const [body, code, message] of cases) {
      const err = await failure(createEntry(alice, body));
      expect(err.code, JSON.stringify(body)).toBe(code);
      expect(err.message, JSON.stringify(body)).toMatch(message);
    }
    expect(await getPrisma().entry.count()).toBe(0);
    expect(await getPrisma().operation.count()).toBe(0);
  });

  it('writes the entry and a queued switch of the target VDC', async () => {
    const { entry, operation } = await createEntry(alice, { name: 'www', port: ports.entry, vdc: 'shop' });
    expect(entry).toMatchObject({ name: 'www', hostPort: ports.entry, address: `127.0.0.1:${ports.entry}`, vdc: 'shop', appliance: 'box', terminal: 'in', state: 'creating', previousVdc: null });
    expect(operation).toMatchObject({ kind: 'entry_switch', vdc: 'shop', status: 'queued' });
    expect(await failure(createEntry(alice, { name: 'www', port: ports.entry + 1, vdc: 'shop' }))).toMatchObject({ code: 'name_taken', message: 'name: an entry named "www" exists' });
    expect(await listEntries(alice)).toHaveLength(1);
  });

  it('allows one operation per entry at a time', async () => {
    const err = await failure(switchEntry(alice, 'www', { vdc: 'next' }));
    expect(err.code).toBe('operation_running');
    expect(err.message).toMatch(/entry "www" has an operation queued or running/);
    expect(await failure(deleteEntry(alice, 'www'))).toMatchObject({ code: 'operation_running' });
    // Once it finished, a switch keeps the terminal the entry had.
    await getPrisma().operation.updateMany({ data: { status: 'succeeded', finishedAt: new Date() } });
    const { operation } = await switchEntry(alice, 'www', { vdc: 'next' });
    expect(operation).toMatchObject({ kind: 'entry_switch', vdc: 'next', params: { appliance: 'box', terminal: 'in' } });
    await getPrisma().operation.updateMany({ data: { status: 'succeeded', finishedAt: new Date() } });
  });

  it('holds its port against every VDC, its own owner\'s and others\'', async () => {
    for (const user of [alice, bob]) {
      const err = await failure(createVdc(user, manifestOf('grab', [{ name: 'box', class: 'sleeper', expose: [{ terminal: 'in', port: ports.entry }] }])));
      expect(err.code).toBe('invalid_manifest');
      expect(err.issues?.[0]?.message).toBe(`host port ${ports.entry} is already used by ${user === alice ? 'entry "www"' : "another user's entry"}`);
    }
  });

  it('holds its VDC: no destroy, no delete, no deploy that drops the terminal', async () => {
    expect(await failure(requestOperation(alice, 'shop', 'destroy', {}))).toMatchObject({
      code: 'not_destroyed',
      message: 'cannot destroy VDC "shop": entry "www" points at it; switch it to another VDC or delete it first (colo entry switch|rm)',
    });
    expect((await failure(deleteVdc(alice, 'shop'))).message).toMatch(/cannot delete VDC "shop": entry "www" points at it/);
    await updateVdc(alice, 'shop', manifestOf('shop', [{ name: 'box', class: 'sleeper' }]), 1);
    expect((await failure(requestOperation(alice, 'shop', 'deploy', {}))).message).toBe(
      'VDC "shop": entry "www" points at box.in, which this revision does not expose: keep the expose, or switch the entry away first',
    );
  });

  it("keeps another user's entry out of sight", async () => {
    expect(await listEntries(bob)).toEqual([]);
    expect(await failure(readEntryView(bob, 'www'))).toMatchObject({ code: 'not_found', message: 'entry "www" not found' });
    expect(await failure(switchEntry(bob, 'www', { vdc: 'shop' }))).toMatchObject({ code: 'not_found' });
    expect(await failure(deleteEntry(bob, 'www'))).toMatchObject({ code: 'not_found' });
  });
});

describe('the edge check', () => {
  it('points a ready entry whose listener is gone at its VDC again, once', async () => {
    const next = await getPrisma().vdc.findFirstOrThrow({ where: { name: 'next' } });
    await getPrisma().entry.updateMany({ where: { name: 'www' }, data: { state: 'ready', vdcId: next.id } });
    const [repair] = await checkEntries();
    expect(repair).toMatch(/^entry www: op_\w+ \(its listener is missing\)$/);
    const op = await getPrisma().operation.findFirstOrThrow({ where: { kind: 'entry_switch', status: 'queued' } });
    expect(op).toMatchObject({ vdcId: next.id, params: { appliance: 'box', terminal: 'in', repair: 'its listener is missing' } });
    // Queued already: not asked for twice.
    expect(await checkEntries()).toEqual([]);
  });
});

describe('chooseTarget', () => {
  const two = manifestOf('two', [
    { name: 'web', class: 'sleeper', expose: [{ terminal: 'in', port: 9001 }] },
    { name: 'api', class: 'sleeper', expose: [{ terminal: 'in', port: 9002 }] },
  ]);
  it('needs no choice for one exposed terminal, keeps the current one, and asks when it must', () => {
    expect(chooseTarget('two', two, { appliance: 'api', terminal: 'in' })).toEqual({ appliance: 'api', terminal: 'in' });
    expect(chooseTarget('two', two, undefined, { appliance: 'web', terminal: 'in' })).toEqual({ appliance: 'web', terminal: 'in' });
    expect(() => chooseTarget('two', two)).toThrow('target: say which terminal of VDC "two" the entry points at (--target appliance.terminal): it exposes web.in, api.in');
    expect(() => chooseTarget('none', manifestOf('none'))).toThrow(/it exposes no terminal/);
  });
});
