// The live routes through their real handlers against a real database and Docker engine:
// auth and ownership before any stream starts, the SSE framing, operation progress and status
// while a deploy runs, container logs with the VDC's secrets masked, and follow mode.
import {
  claimVdcFor,
  createApiToken,
  createVdc,
  getRuntime,
  openSecrets,
  requestOperation,
  runOperation,
} from '@colo/control';
import { type ControlTest, ensureSleeperImage, manifestOf, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as logs from '../appliances/[appliance]/logs/route';
import * as detail from '../appliances/[appliance]/route';
import * as events from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
interface SseEvent {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  data: any;
}

let t: ControlTest;
let token: string;
let otherToken: string;
let user: Awaited<ReturnType<ControlTest['user']>>;
beforeAll(async () => {
  t = await setupControlTest('web-live');
  user = await t.user();
  token = (await createApiToken(user.id, 'test')).token;
  otherToken = (await createApiToken((await t.user()).id, 'test')).token;
  await ensureSleeperImage();
  await createVdc(user, manifestOf('live', [{ name: 'box', class: 'sleeper', replicas: 2 }]));
});
afterAll(async () => {
  await t?.teardown();
});

function get(handler: Handler, path: string, params: Record<string, string>, opts: { token?: string | null; signal?: AbortSignal } = {}) {
  const bearer = opts.token === undefined ? token : opts.token;
  const req = new Request(`http://127.0.0.1/api/v1${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {}, signal: opts.signal });
  return handler(req as Request, { params: Promise.resolve(params) as Promise<never> });
}

/** Reads SSE frames until `enough` says so or the time is up; then hangs up like a browser. */
async function readEvents(res: Response, enough: (seen: SseEvent[]) => boolean, limitMs = 20_000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: SseEvent[] = [];
  let raw = '';
  let buffer = '';
  const deadline = Date.now() + limitMs;
  try {
    while (!enough(seen) && Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (!chunk || chunk.done) break;
      const text = decoder.decode(chunk.value, { stream: true });
      raw += text;
      buffer += text;
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event && data !== undefined) seen.push({ event, data: JSON.parse(data) });
        end = buffer.indexOf('\n\n');
      }
    }
  } finally {
    await reader.cancel();
  }
  return { seen, raw };
}

async function deploy() {
  const op = await requestOperation(user, 'live', 'deploy', {} as never);
  const claim = await claimVdcFor(op.id);
  if (claim.status !== 'claimed') throw new Error(`deploy not claimed: ${claim.status}`);
  return { id: op.id, done: runOperation(op.id, { lease: claim.lease, attempt: 1, maxAttempts: 1 }) };
}

describe('GET /vdcs/:name/events', () => {
  it('refuses without a token (401) and for a VDC that is not yours (404), before any stream', async () => {
    const none = await get(events.GET, '/vdcs/live/events', { name: 'live' }, { token: null });
    expect(none.status).toBe(401);
    const other = await get(events.GET, '/vdcs/live/events', { name: 'live' }, { token: otherToken });
    expect(other.status).toBe(404);
    expect((await other.json()).error.code).toBe('not_found');
    expect((await get(events.GET, '/vdcs/nope/events', { name: 'nope' })).status).toBe(404);
  });

  it('streams status, then the deploy as it runs, ending with every node running', async () => {
    const res = await get(events.GET, '/vdcs/live/events', { name: 'live' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toContain('no-cache');
    let deploying: Promise<unknown> | undefined;
    let opId = '';
    const { seen, raw } = await readEvents(res, (s) => {
      // Start the deploy once the first status (nothing deployed yet) has arrived.
      if (!deploying && s.some((e) => e.event === 'status')) {
        deploying = deploy().then((d) => {
          opId = d.id;
          return d.done;
        });
      }
      const last = s.filter((e) => e.event === 'status').at(-1)?.data;
      const finished = s.some((e) => e.event === 'operation' && e.data.operation.id === opId && e.data.operation.status === 'succeeded');
      return finished && last?.appliances?.[0]?.replicas.running === 2;
    });
    await deploying;
    expect(raw.startsWith('retry: ')).toBe(true);
    const statuses = seen.filter((e) => e.event === 'status').map((e) => e.data);
    expect(statuses[0]).toMatchObject({ vdc: { name: 'live' }, appliances: [{ name: 'box', replicas: { desired: 2, running: 0 } }] });
    expect(statuses.at(-1).appliances[0]).toMatchObject({ name: 'box', replicas: { running: 2 }, state: 'running' });
    // Only changes are sent: no two consecutive status events are equal.
    for (let i = 1; i < statuses.length; i++) expect(JSON.stringify(statuses[i])).not.toBe(JSON.stringify(statuses[i - 1]));

    const ops = seen.filter((e) => e.event === 'operation' && e.data.operation.id === opId).map((e) => e.data);
    const last = ops.at(-1);
    expect(last.operation).toMatchObject({ kind: 'deploy', status: 'succeeded', progress: 100 });
    const containerSteps = last.operation.steps.filter((s: { key: string }) => s.key.startsWith('container:'));
    expect(containerSteps).toHaveLength(2);
    expect(containerSteps.every((s: { appliance: string; status: string }) => s.appliance === 'box' && s.status === 'done')).toBe(true);
    // Log lines arrive once each, in order, across events.
    const seqs = ops.flatMap((o) => o.logs.map((l: { seq: number }) => l.seq));
    expect(seqs.length).toBeGreaterThan(0);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('starts with the last operation and its log, and stops when the client disconnects', async () => {
    const ctl = new AbortController();
    const res = await get(events.GET, '/vdcs/live/events', { name: 'live' }, { signal: ctl.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: operation')) text += decoder.decode((await reader.read()).value);
    expect(text).toMatch(/event: operation\ndata: \{"operation":\{"id":"op_[^"]+".*"status":"succeeded"/);
    ctl.abort();
    const started = Date.now();
    let done = false;
    while (!done && Date.now() - started < 5000) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});

describe('GET /vdcs/:name/appliances/:appliance/logs', () => {
  const path = '/vdcs/live/appliances/box/logs';
  const params = { name: 'live', appliance: 'box' };

  async function say(replica: number, line: string) {
    const [c] = await getRuntime().listContainers([`colo.instance=${t.instance}`, 'colo.appliance=box', `colo.replica=${replica}`]);
    // Written to PID 1's stdout, it lands in the container's log like the app's own output.
    await getRuntime().exec(c.id, ['bash', '-c', `echo "${line}" > /proc/1/fd/1`]);
    return c.name;
  }

  it('refuses without a token, for another user, an unknown appliance and a bad tail', async () => {
    expect((await get(logs.GET, path, params, { token: null })).status).toBe(401);
    expect((await get(logs.GET, path, params, { token: otherToken })).status).toBe(404);
    expect((await get(logs.GET, '/vdcs/live/appliances/ghost/logs', { name: 'live', appliance: 'ghost' })).status).toBe(404);
    expect((await get(logs.GET, `${path}?tail=-1`, params)).status).toBe(400);
  });

  it('answers the recent lines of every replica as JSON, with secrets masked', async () => {
    const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { name: 'live', ownerId: user.id } });
    const password = openSecrets(vdc.id, vdc.secrets).box.password;
    expect(password).toBeTruthy();
    const one = await say(1, `hello from one, password=${password}`);
    const two = await say(2, 'hello from two');
    const res = await get(logs.GET, `${path}?tail=20`, params);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.lines).toEqual(
      expect.arrayContaining([
        { container: one, line: 'hello from one, password=[secret]' },
        { container: two, line: 'hello from two' },
      ]),
    );
    expect(JSON.stringify(body)).not.toContain(password);
  });

  it('follows new lines as SSE log events until the client hangs up', async () => {
    const res = await get(logs.GET, `${path}?tail=0&follow=1`, params);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const marker = `followed-${Date.now()}`;
    setTimeout(() => void say(2, marker), 700);
    const { seen } = await readEvents(res, (s) => s.some((e) => e.data.line === marker), 15_000);
    const hit = seen.find((e) => e.data.line === marker);
    expect(hit).toMatchObject({ event: 'log', data: { container: expect.stringMatching(/-box-2$/), line: marker } });
    // tail=0: nothing from before the follow began.
    expect(seen.some((e) => String(e.data.line).startsWith('hello from'))).toBe(false);
  });
  it('keeps following a replica through a restart', async () => {
    const res = await get(logs.GET, `${path}?tail=0&follow=1`, params);
    const [c] = await getRuntime().listContainers([`colo.instance=${t.instance}`, 'colo.appliance=box', 'colo.replica=1']);
    const marker = `after-restart-${Date.now()}`;
    setTimeout(async () => {
      await getRuntime().stopContainer(c.id, 1);
      await getRuntime().startContainer(c.id);
      // A line written once the follow has had time to notice the restart (it rescans every 2 s).
      setTimeout(() => void say(1, marker), 2500);
    }, 300);
    const { seen } = await readEvents(res, (s) => s.some((e) => e.data.line === marker), 20_000);
    expect(seen.find((e) => e.data.line === marker)?.data.container).toBe(c.name);
  });
});

describe('GET /vdcs/:name/appliances/:appliance', () => {
  it('shows each container with restarts and exit code, only to the owner', async () => {
    const params = { name: 'live', appliance: 'box' };
    expect((await get(detail.GET, '/vdcs/live/appliances/box', params, { token: null })).status).toBe(401);
    expect((await get(detail.GET, '/vdcs/live/appliances/box', params, { token: otherToken })).status).toBe(404);
    expect((await get(detail.GET, '/vdcs/live/appliances/ghost', { name: 'live', appliance: 'ghost' })).status).toBe(404);
    const res = await get(detail.GET, '/vdcs/live/appliances/box', params);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.appliance).toMatchObject({ name: 'box', class: 'sleeper', replicas: { desired: 2, running: 2 } });
    expect(body.appliance.containers.map((c: { replica: number }) => c.replica)).toEqual([1, 2]);
    expect(body.appliance.containers[0]).toMatchObject({ state: 'running', restarts: 0, exitCode: 0, image: expect.stringContaining('sleeper') });
  });
});
