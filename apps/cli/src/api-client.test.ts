import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, TOKEN, apiError, startFakeColo } from '../test/fake-colo';
import { ColoClient, TOKEN_REJECTED } from './api-client';
import { ApiError, CliError } from './errors';

let server: FakeColo | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const transport = { fetch: globalThis.fetch, requestTimeoutMs: 30_000 }; // a loaded machine is slow
const client = (s: FakeColo, token = TOKEN) => new ColoClient(s.url, token, transport);

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

describe('ColoClient', () => {
  it('sends the bearer token, JSON body and query to /api/v1', async () => {
    server = await startFakeColo({
      'POST /validate': { body: { ok: true, errors: [], warnings: [] } },
      'GET /operations/:id': { body: { operation: { id: 'op_1', kind: 'deploy', status: 'running' }, logs: [] } },
    });
    await client(server).validate('name: shop');
    await client(server).operation('op_1', 7);
    expect(server.requests).toMatchObject([
      { method: 'POST', path: '/validate', authorization: `Bearer ${TOKEN}`, contentType: 'application/json', body: { manifest: 'name: shop' } },
      { method: 'GET', path: '/operations/op_1', query: { logsAfter: '7' }, body: undefined },
    ]);
  });

  it('turns 401 into "token rejected"', async () => {
    server = await startFakeColo({ 'GET /vdcs': { body: { vdcs: [] } } });
    await expect(client(server, 'wrong').listVdcs()).rejects.toThrow(TOKEN_REJECTED);
  });

  it('says so when the token expired', async () => {
    server = await startFakeColo({ 'GET /vdcs': apiError(401, 'unauthorized', 'this API token expired at 2026-12-01T00:00:00.000Z: create a new one') });
    await expect(client(server).listVdcs()).rejects.toThrow(/token rejected: this API token expired at 2026-12-01.*colo login again/);
  });

  it('carries the server message, code and issues of an error answer', async () => {
    const issues = [{ path: 'appliances[0].class', message: 'unknown class "web-phq"', severity: 'error' }];
    server = await startFakeColo({ 'POST /vdcs': apiError(400, 'invalid_manifest', 'the manifest is invalid', { issues }) });
    const error = await client(server).createVdc('x').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_manifest', message: 'the manifest is invalid', issues });
    expect(error.details).toEqual(['appliances[0].class: unknown class "web-phq"']);
  });

  it('describes an error answer that is not in the contract shape', async () => {
    server = await startFakeColo({ 'GET /vdcs': { status: 502, raw: '<html>bad gateway</html>' } });
    await expect(client(server).listVdcs()).rejects.toThrow('Colo answered 502 Bad Gateway to GET /api/v1/vdcs');
  });

  it('refuses a success answer that is not JSON or lacks what the CLI needs', async () => {
    server = await startFakeColo({ 'GET /vdcs': { raw: '<html>hello</html>' }, 'GET /catalog': { body: { nope: 1 } } });
    await expect(client(server).listVdcs()).rejects.toThrow(/unexpected answer from GET \/api\/v1\/vdcs: not JSON/);
    await expect(client(server).catalog()).rejects.toThrow(/unexpected answer from GET \/api\/v1\/catalog: classes: /);
  });

  it('says how to start Colo when nothing listens', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const error = await new ColoClient(url, TOKEN, transport).me().catch((e) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toBe(`cannot reach Colo at ${url}: is it running? (bash scripts/up.sh)`);
  });

  it('gives up on a server that does not answer', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const error = await new ColoClient(url, TOKEN, { fetch: globalThis.fetch, requestTimeoutMs: 100 }).me().catch((e) => e);
      expect(error.message).toBe(`Colo at ${url} did not answer within 100ms`);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
