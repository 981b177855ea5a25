import { afterEach, describe, expect, it } from 'vitest';
import { SHOP_YAML, VALID, operation, writeManifest } from '../../test/fixtures';
import { type FakeColo, type Handler, TOKEN, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const vdc = { id: 'vdc_abc123', name: 'shop', state: 'running' };
const queued = { status: 202, body: { operation: operation() } };
const existing = (number: number) => ({ body: { vdc, revision: { id: `rev_${number}`, number, manifest: SHOP_YAML, createdAt: '2026-11-27T11:00:00Z' } } });
const notFound = apiError(404, 'not_found', 'VDC "shop" not found');

/** GET /operations/:id answers these in turn, then repeats the last one. */
function script(...answers: { operation: ReturnType<typeof operation>; logs?: { seq: number; at: string | null; message: string }[] }[]): Handler {
  let i = 0;
  return () => {
    const answer = answers[Math.min(i++, answers.length - 1)];
    return { body: { logs: [], ...answer } };
  };
}

const steps = (net: string, db: string) => [
  { key: 'net', title: 'create network shop-db-in', status: net, error: null },
  { key: 'db-1', title: 'start db-1', status: db, error: db === 'failed' ? 'health check timed out' : null },
];

describe('colo apply', () => {
  it('creates a new VDC with POST /vdcs, then deploys it', async () => {
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': notFound,
      'POST /vdcs': { status: 201, body: { vdc, revision: { id: 'rev_1', number: 1 } } },
      'POST /vdcs/:name/deploy': queued,
    });
    const res = await runCli(['apply', '-f', writeManifest()], { server });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('created shop (revision 1)\ndeploy queued: op_1 (follow it: colo op op_1 --wait)\n');
    expect(server.calls()).toEqual(['POST /validate', 'GET /vdcs/shop', 'POST /vdcs', 'POST /vdcs/shop/deploy']);
    expect(server.requests[2].body).toEqual({ manifest: SHOP_YAML });
    expect(server.requests[3].body).toEqual({});
    for (const r of server.requests) expect(r.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('updates an existing VDC with PUT and its current revision as baseRevision', async () => {
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': existing(3),
      'PUT /vdcs/:name': { body: { vdc, revision: { id: 'rev_4', number: 4 }, changed: true } },
      'POST /vdcs/:name/deploy': queued,
    });
    const res = await runCli(['apply', '-f', writeManifest()], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^updated shop: revision 3 → 4\n/);
    expect(server.calls()).toEqual(['POST /validate', 'GET /vdcs/shop', 'PUT /vdcs/shop', 'POST /vdcs/shop/deploy']);
    expect(server.requests[2].body).toEqual({ manifest: SHOP_YAML, baseRevision: 3 });
  });

  it('says "no changes" for an unchanged manifest and still deploys, so a failed deploy can be retried', async () => {
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': existing(3),
      'PUT /vdcs/:name': { body: { vdc, revision: { id: 'rev_3', number: 3 }, changed: false } },
      'POST /vdcs/:name/deploy': queued,
    });
    const res = await runCli(['apply', '-f', writeManifest()], { server });
    expect(res.stdout).toMatch(/^no changes to shop \(revision 3\)\n/);
    expect(server.calls()).toContain('POST /vdcs/shop/deploy');
  });

  it('with --wait prints live progress and log lines, asking only for new logs, and exits 0 on success', async () => {
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': existing(3),
      'PUT /vdcs/:name': { body: { vdc, revision: { number: 3 }, changed: false } },
      'POST /vdcs/:name/deploy': queued,
      'GET /operations/:id': script(
        { operation: operation({ status: 'queued', steps: steps('pending', 'pending') }) },
        { operation: operation({ status: 'running', progress: 25, steps: steps('running', 'pending') }), logs: [{ seq: 1, at: null, message: 'network created' }] },
        { operation: operation({ status: 'running', progress: 50, steps: steps('done', 'running') }), logs: [{ seq: 2, at: null, message: 'waiting for db-1 to be healthy' }] },
        {
          operation: operation({
            status: 'succeeded',
            progress: 100,
            steps: steps('done', 'done'),
            startedAt: '2026-11-27T12:00:00.000Z',
            finishedAt: '2026-11-27T12:00:09.000Z',
          }),
        },
      ),
    });
    const res = await runCli(['apply', '-f', writeManifest(), '--wait'], { server });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'no changes to shop (revision 3)',
        '[  0%] deploy op_1: queued',
        '[ 25%] deploy op_1: running',
        '[ 25%] create network shop-db-in: running',
        '       network created',
        '[ 50%] create network shop-db-in: done',
        '[ 50%] start db-1: running',
        '       waiting for db-1 to be healthy',
        '[100%] start db-1: done',
        '[100%] deploy succeeded in 9.0s',
        '',
      ].join('\n'),
    );
    const polls = server.requests.filter((r) => r.path === '/operations/op_1');
    expect(polls.map((r) => r.query.logsAfter)).toEqual(['0', '0', '1', '2']);
  });

  it('with --wait prints the error and exits 1 when the deploy fails', async () => {
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': notFound,
      'POST /vdcs': { status: 201, body: { vdc, revision: { number: 1 } } },
      'POST /vdcs/:name/deploy': queued,
      'GET /operations/:id': script({
        operation: operation({ status: 'failed', progress: 50, steps: steps('done', 'failed'), error: 'start db-1: health check timed out' }),
      }),
    });
    const res = await runCli(['apply', '-f', writeManifest(), '--wait'], { server });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('[ 50%] start db-1: failed: health check timed out\n');
    expect(res.stderr).toBe('error: deploy op_1 failed: start db-1: health check timed out\n');
  });

  it('gives up waiting after --timeout, saying the operation goes on', async () => {
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': existing(1),
      'PUT /vdcs/:name': { body: { vdc, revision: { number: 1 }, changed: false } },
      'POST /vdcs/:name/deploy': queued,
      'GET /operations/:id': { body: { operation: operation({ status: 'running', progress: 10 }), logs: [] } },
    });
    const res = await runCli(['apply', '-f', writeManifest(), '--wait', '--timeout', '0.2'], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('error: timed out after 0.2s: deploy op_1 is still running (it goes on; follow it with `colo op op_1 --wait`)\n');
  });

  it('keeps polling through a passing server error', async () => {
    let calls = 0;
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': existing(1),
      'PUT /vdcs/:name': { body: { vdc, revision: { number: 1 }, changed: false } },
      'POST /vdcs/:name/deploy': queued,
      'GET /operations/:id': () =>
        ++calls === 1 ? apiError(503, 'unavailable', 'restarting') : { body: { operation: operation({ status: 'succeeded', progress: 100 }), logs: [] } },
    });
    const res = await runCli(['apply', '-f', writeManifest(), '--wait'], { server });
    expect(res.code).toBe(0);
    expect(calls).toBe(2);
  });

  it('refuses an invalid manifest with every issue, saving nothing', async () => {
    server = await startFakeColo({
      'POST /validate': {
        body: {
          ok: false,
          errors: [
            { path: 'appliances[0].privileged', message: 'Colo never runs privileged containers' },
            { path: 'appliances[1].class', message: 'unknown class "web-phq"' },
          ],
          warnings: [{ path: 'appliances[2]', message: 'output "db" is not connected' }],
        },
      },
    });
    const res = await runCli(['apply', '-f', writeManifest(SHOP_YAML, 'evil.yaml'), '--wait'], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^warning: appliances\[2\]: output "db" is not connected\nerror: \S*evil\.yaml is invalid: 2 errors\n/);
    expect(res.stderr).toContain('\n  appliances[0].privileged: Colo never runs privileged containers\n  appliances[1].class: unknown class "web-phq"\n');
    expect(server.calls()).toEqual(['POST /validate']);
  });

  it('shows the issues the server finds when saving (e.g. a host port in use)', async () => {
    const issues = [{ path: 'appliances[0].expose[0].port', message: 'host port 18080 is used by VDC "first"' }];
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': notFound,
      'POST /vdcs': apiError(400, 'invalid_manifest', 'the manifest is invalid', { issues }),
    });
    const res = await runCli(['apply', '-f', writeManifest()], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('error: the manifest is invalid\n  appliances[0].expose[0].port: host port 18080 is used by VDC "first"\n');
  });

  it('explains a stale revision and a running operation', async () => {
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': existing(3),
      'PUT /vdcs/:name': apiError(409, 'stale_revision', 'revision 3 is not the latest', { currentRevision: 4 }),
    });
    const stale = await runCli(['apply', '-f', writeManifest()], { server });
    expect(stale).toMatchObject({ code: 1, stderr: 'error: shop was changed by someone else while applying (now revision 4): run colo apply again\n' });

    server.route('PUT /vdcs/:name', { body: { vdc, revision: { number: 3 }, changed: false } });
    server.route('POST /vdcs/:name/deploy', apiError(409, 'operation_running', 'an operation is already running on shop'));
    const busy = await runCli(['apply', '-f', writeManifest()], { server });
    expect(busy).toMatchObject({ code: 1, stderr: 'error: an operation is already running on shop (see it with: colo ops shop)\n' });
  });

  it('prints one JSON document with --json, with or without --wait', async () => {
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': notFound,
      'POST /vdcs': { status: 201, body: { vdc, revision: { number: 1 } } },
      'POST /vdcs/:name/deploy': queued,
      'GET /operations/:id': {
        body: { operation: operation({ status: 'succeeded', progress: 100 }), logs: [{ seq: 1, at: null, message: 'done' }] },
      },
    });
    const started = await runCli(['apply', '-f', writeManifest(), '--json'], { server });
    expect(started.code).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ vdc: 'shop', revision: 1, created: true, changed: true, operation: { id: 'op_1', status: 'queued' } });

    const waited = await runCli(['apply', '-f', writeManifest(), '--json', '--wait'], { server });
    expect(waited.code).toBe(0);
    expect(JSON.parse(waited.stdout)).toMatchObject({ vdc: 'shop', operation: { status: 'succeeded' }, logs: [{ message: 'done' }] });
  });

  it('leaves a broken or unnamed manifest to the server validator, and needs --wait for --timeout', async () => {
    server = await startFakeColo({
      'POST /validate': { body: { ok: false, errors: [{ path: 'name', message: 'required' }], warnings: [] } },
    });
    const unnamed = await runCli(['apply', '-f', writeManifest('apiVersion: colo/v1\nkind: VDC\n', 'unnamed.yaml')], { server });
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toMatch(/unnamed\.yaml is invalid: 1 error\n {2}name: required\n$/);
    expect(server.calls()).toEqual(['POST /validate']);

    const timeout = await runCli(['apply', '-f', writeManifest(), '--timeout', '5'], { server });
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toMatch(/^error: --timeout only applies with --wait\n/);
    expect(server.requests).toHaveLength(1);
  });

  it('says how to log in when there is no server configured', async () => {
    const res = await runCli(['apply', '-f', writeManifest()]);
    expect(res).toMatchObject({ code: 1, stderr: 'error: not logged in: run `colo login URL --token T` or set COLO_URL and COLO_TOKEN\n' });
  });
});
