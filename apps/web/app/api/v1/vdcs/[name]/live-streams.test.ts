// The live routes (events, followed logs) under hostile use: a user cannot hold more than the
// limit open, and a stream ends soon after its token is revoked or its session signed out.
import { createApiToken, createSession, endSession, openStreamCount, revokeApiToken } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vdcs from '../route';
import * as logs from './appliances/[appliance]/logs/route';
import * as events from './events/route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let token: string;
let userId: string;
const previous = { max: process.env.COLO_MAX_STREAMS_PER_USER, recheck: process.env.COLO_STREAM_RECHECK_MS };
beforeAll(async () => {
  process.env.COLO_MAX_STREAMS_PER_USER = '3';
  process.env.COLO_STREAM_RECHECK_MS = '200';
  t = await setupControlTest('web-live-streams');
  const user = await t.user();
  userId = user.id;
  token = (await createApiToken(user.id, 'live')).token;
  const made = await call(vdcs.POST as Handler, '/vdcs', { token, method: 'POST', body: { manifest: manifestOf('live') } });
  expect(made.status).toBe(201);
});
afterAll(async () => {
  for (const [key, value] of [
    ['COLO_MAX_STREAMS_PER_USER', previous.max],
    ['COLO_STREAM_RECHECK_MS', previous.recheck],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await t?.teardown();
});

function call(handler: Handler, path: string, opts: { token?: string; cookie?: string; method?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = `colo_session=${opts.cookie}`;
  const req = new Request(`http://127.0.0.1/api/v1${path}`, {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
}

const openEvents = (auth: { token?: string; cookie?: string }) => call(events.GET as Handler, '/vdcs/live/events', { ...auth, params: { name: 'live' } });

/** Reads until the stream closes (or the deadline), returning what it said. */
async function drain(res: Response, limitMs = 10_000): Promise<{ text: string; closed: boolean }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (next === null) break;
    if (next.done) return { text, closed: true };
    text += decoder.decode(next.value, { stream: true });
  }
  await reader.cancel();
  return { text, closed: false };
}

describe('live streams per user', () => {
  it('allows the configured number at once, answers 429 past it, and frees a slot on close', async () => {
    const open = [await openEvents({ token }), await openEvents({ token })];
    const follow = await call(logs.GET as Handler, '/vdcs/live/appliances/box/logs?follow=1', { token, params: { name: 'live', appliance: 'box' } });
    expect([...open, follow].map((r) => r.status)).toEqual([200, 200, 200]);
    expect(openStreamCount(userId)).toBe(3);

    const refused = await openEvents({ token });
    expect(refused.status).toBe(429);
    const body = await refused.json();
    expect(body.error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('3 live streams open') });
    expect(refused.headers.get('retry-after')).toBe('5');

    await follow.body!.cancel();
    const again = await openEvents({ token });
    expect(again.status).toBe(200);
    for (const r of [...open, again]) await r.body!.cancel();
    expect(openStreamCount(userId)).toBe(0);
  });
});

describe('a live stream whose credentials go away', () => {
  it('ends soon after its token is revoked', async () => {
    const { token: short, info } = await createApiToken(userId, 'short');
    const res = await openEvents({ token: short });
    expect(res.status).toBe(200);
    setTimeout(() => void revokeApiToken(userId, info.id), 300);
    const { text, closed } = await drain(res);
    expect(closed).toBe(true);
    expect(text).toContain('event: problem\ndata: {"error":{"code":"unauthorized"');
    expect(openStreamCount(userId)).toBe(0);
  });

  it('ends soon after its browser session signs out', async () => {
    const user = await t.user();
    const { token: cookie } = await createSession(user.id);
    // The user's own VDC, so the stream opens.
    const own = await createApiToken(user.id, 'setup');
    expect((await call(vdcs.POST as Handler, '/vdcs', { token: own.token, method: 'POST', body: { manifest: manifestOf('mine') } })).status).toBe(201);
    const res = await call(events.GET as Handler, '/vdcs/mine/events', { cookie, params: { name: 'mine' } });
    expect(res.status).toBe(200);
    setTimeout(() => void endSession(cookie), 300);
    const { text, closed } = await drain(res);
    expect(closed).toBe(true);
    expect(text).toContain('"code":"unauthorized"');
  });
});
