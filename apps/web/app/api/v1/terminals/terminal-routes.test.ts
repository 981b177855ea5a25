// The terminal routes through their real handlers, real Postgres and Docker: opened by an admin
// on an open prototype, its output as Server-Sent Events, input and resize validated with the
// field named, someone else's terminal answered 404, and signing out closing it at once.
import { createApiToken, createSession, openClassPrototype } from '@colo/control';
import { type ControlTest, ensureSleeperImage, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as logout from '../auth/logout/route';
import * as open from '../classes/[id]/prototype/terminal/route';
import * as input from './[id]/input/route';
import * as resize from './[id]/resize/route';
import * as terminal from './[id]/route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
const ORIGIN = 'http://127.0.0.1:3000';

let t: ControlTest;
let adminToken: string;
let otherToken: string;
let admin: Awaited<ReturnType<ControlTest['user']>>;

beforeAll(async () => {
  t = await setupControlTest('web-terminal', { workerCalls: true });
  await ensureSleeperImage();
  admin = await t.user();
  await getPrisma().user.update({ where: { id: admin.id }, data: { role: 'admin' } });
  adminToken = (await createApiToken(admin.id, 'test')).token;
  otherToken = (await createApiToken((await t.user()).id, 'test')).token;
  await openClassPrototype(admin, 'sleeper', { online: false });
}, 120_000);
afterAll(async () => {
  await t?.teardown();
});

function call(handler: Handler, method: string, path: string, params: Record<string, string>, opts: { token?: string; cookie?: string; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', host: '127.0.0.1:3000' };
  if (opts.cookie) {
    headers.cookie = `colo_session=${opts.cookie}`;
    if (method !== 'GET') headers.origin = ORIGIN;
  } else {
    headers.authorization = `Bearer ${opts.token ?? adminToken}`;
  }
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const req = new Request(`${ORIGIN}/api/v1${path}`, { method, headers, body });
  return handler(req, { params: Promise.resolve(params) as Promise<never> });
}

async function json(res: Response) {
  return { status: res.status, body: await res.json() };
}

/** Reads SSE frames from a terminal's stream until `enough`, or it ends. */
async function follow(res: Response, enough: (text: string, events: string[]) => boolean, ms = 15_000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let text = '';
  const events: string[] = [];
  const closed: unknown[] = [];
  const deadline = Date.now() + ms;
  while (!enough(text, events) && Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, deadline - Date.now())))]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (!event || data === undefined) continue;
      events.push(event);
      if (event === 'output') text += Buffer.from(JSON.parse(data) as string, 'base64').toString('utf8');
      if (event === 'closed') closed.push(JSON.parse(data));
    }
  }
  return { reader, text, events, closed };
}

describe('terminal routes', () => {
  it('opens a root shell in the prototype, streams what it prints, and takes input and resizes', async () => {
    const opened = await json(await call(open.POST, 'POST', '/classes/sleeper/prototype/terminal', { id: 'sleeper' }, { body: { cols: 90, rows: 20 } }));
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({ id: expect.stringMatching(/^term_/), title: 'the prototype of sleeper (from version 1)' });
    const id = opened.body.id as string;

    const stream = await call(terminal.GET, 'GET', `/terminals/${id}`, { id });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect((await json(await call(input.POST, 'POST', `/terminals/${id}/input`, { id }, { body: { data: 'echo colo-$((6*7)); stty size\n' } }))).status).toBe(200);
    const first = await follow(stream, (text) => /colo-42\r?\n20 90/.test(text));
    expect(first.text).toMatch(/colo-42\r?\n20 90/);
    expect(first.events[0]).toBe('ready');
    await first.reader.cancel();

    expect(await json(await call(resize.POST, 'POST', `/terminals/${id}/resize`, { id }, { body: { cols: 150, rows: 50 } }))).toEqual({ status: 200, body: { id, cols: 150, rows: 50 } });
    // Ctrl+U clears a line: any key a keyboard sends gets through, NUL included.
    await call(input.POST, 'POST', `/terminals/${id}/input`, { id }, { raw: '{"data":"\\u0000\\u0015stty size\\n"}' });
    const second = await follow(await call(terminal.GET, 'GET', `/terminals/${id}`, { id }), (text) => /50 150/.test(text));
    expect(second.text).toContain('50 150');
    await second.reader.cancel();

    expect(await json(await call(terminal.DELETE, 'DELETE', `/terminals/${id}`, { id }))).toEqual({ status: 200, body: { id, closed: true } });
  });

  it('answers bad input with 400 naming the field, and someone else (or nobody) with 404', async () => {
    const { body } = await json(await call(open.POST, 'POST', '/classes/sleeper/prototype/terminal', { id: 'sleeper' }, { body: { cols: 80, rows: 24 } }));
    const id = body.id as string;
    const bad: [Handler, string, unknown, RegExp][] = [
      [input.POST, 'input', { data: 'x'.repeat(64 * 1024 + 1) }, /^data: must be at most 64 KiB/],
      [input.POST, 'input', { data: 42 }, /^data: /],
      [resize.POST, 'resize', { cols: 'wide', rows: 24 }, /^cols: /],
      [resize.POST, 'resize', { cols: 80, rows: 0 }, /^rows: must be at least 1/],
    ];
    for (const [handler, path, b, message] of bad) {
      const res = await json(await call(handler, 'POST', `/terminals/${id}/${path}`, { id }, { body: b }));
      expect(res.status, message.source).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const badOpen = await json(await call(open.POST, 'POST', '/classes/sleeper/prototype/terminal', { id: 'sleeper' }, { body: { cols: 80, rows: 9000 } }));
    expect(badOpen).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^rows: must be at most 200/) } } });
    const notAdmin = await json(await call(open.POST, 'POST', '/classes/sleeper/prototype/terminal', { id: 'sleeper' }, { token: otherToken, body: { cols: 80, rows: 24 } }));
    expect(notAdmin.status).toBe(403);

    for (const [handler, method, path, b] of [
      [terminal.GET, 'GET', '', undefined],
      [terminal.DELETE, 'DELETE', '', undefined],
      [input.POST, 'POST', '/input', { data: 'touch /stranger\n' }],
      [resize.POST, 'POST', '/resize', { cols: 80, rows: 24 }],
    ] as [Handler, string, string, unknown][]) {
      for (const [token, sid] of [
        [otherToken, id],
        [adminToken, 'term_nope'],
      ]) {
        const res = await json(await call(handler, method, `/terminals/${sid}${path}`, { id: sid }, { token, body: b }));
        expect(res.status, `${method} ${path} as ${token === otherToken ? 'someone else' : 'owner of another id'}`).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
    }
    await call(terminal.DELETE, 'DELETE', `/terminals/${id}`, { id });
  });

  it("closes a browser session's terminals the moment it signs out", async () => {
    const { token: cookie } = await createSession(admin.id);
    const { body } = await json(await call(open.POST, 'POST', '/classes/sleeper/prototype/terminal', { id: 'sleeper' }, { cookie, body: { cols: 80, rows: 24 } }));
    const id = body.id as string;
    const stream = await call(terminal.GET, 'GET', `/terminals/${id}`, { id }, { cookie });
    expect((await call(logout.POST, 'POST', '/auth/logout', {}, { cookie })).status).toBe(204);
    const seen = await follow(stream, (_, events) => events.includes('closed'), 5000);
    expect(seen.closed).toEqual([{ reason: 'closed: the session or API token that opened it ended', exitCode: null }]);
    expect(seen.text).toContain('[Colo] closed: the session or API token that opened it ended');
  });
});
