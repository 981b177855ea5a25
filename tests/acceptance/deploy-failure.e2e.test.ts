// A deploy that fails on something outside Colo, end to end: a plain node server holds a free
// host port on 127.0.0.1, and a VDC publishes `site` (web-static) on it. Colo's own port check is
// off here (COLO_HOST_PORT_PROBE=off, as where Colo cannot see the host's sockets), so the deploy
// reaches Docker and fails there. In Chromium the failure view says so in plain words (port N is
// in use by another program on this machine), Docker's raw text is behind Details, and the node
// reads failed with the reason; `colo op` says the same with the next commands. With the port
// freed, Retry deploys and the site answers. A second revision on another held port fails too
// (colo deploy --wait prints the plain cause and `colo rollback`), and Roll back to revision 1 in
// the failure view brings the first revision back. Everything made carries this run's instance
// label and is removed at the end.
import { createServer, type Server } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { baseEnv, cleanupInstance, cliEnv, colo, freePort, instance, type Service, startWeb, startWorker, waitFor } from './harness';

const NAME = 'fail-shop';
let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let page: Page;
let url: string;
let cookie: string;
let cli: NodeJS.ProcessEnv;
const holders: Server[] = [];

async function call(method: string, route: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${route}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** Some other program on this machine: a plain server holding a free port on 127.0.0.1. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => socket.end());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  holders.push(server);
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, server };
}

const release = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

const manifest = (port: number) =>
  `apiVersion: colo/v1\nkind: VDC\nname: ${NAME}\nappliances:\n  - { name: site, class: web-static, expose: [{ terminal: in, port: ${port} }] }\n`;

async function finished(opId: string) {
  return waitFor(
    `operation ${opId} to finish`,
    async () => {
      const op = (await call('GET', `/operations/${opId}`)).json.operation;
      return op.status === 'succeeded' || op.status === 'failed' ? op : undefined;
    },
    240_000,
    1000,
  );
}

async function answers(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  return res?.status === 200;
}

const lastOperationStatus = () => page.getByTestId('operation-status').textContent();

beforeAll(async () => {
  db = await createTestDatabase('deploy_failure_e2e');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}`, COLO_HOST_PORT_PROBE: 'off' });
  web = await startWeb(port, env);
  worker = startWorker(env);
  await waitFor('the worker', async () => worker.output().includes('colo worker ready'), 90_000, 300, async () => worker.output());
  const setup = await call('POST', '/auth/setup', { email: 'fay@colo.test', name: 'Fay', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  const token = await call('POST', '/tokens', { name: 'e2e', scope: 'deploy' });
  expect(token.status).toBe(201);
  cli = cliEnv(url, token.json.token);

  browser = await launchBrowser();
  const context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await web?.kill('SIGTERM');
  await worker?.kill('SIGTERM');
  await Promise.all(holders.map((s) => (s.listening ? release(s) : undefined)));
  await cleanupInstance();
  await db?.drop();
});

describe('a deploy that fails on a port another program holds', () => {
  let held: { port: number; server: Server };

  it('says so in plain words, keeps Docker’s text behind Details, and marks the node failed', async () => {
    held = await holdPort();
    expect((await call('POST', '/vdcs', { manifest: manifest(held.port) })).status).toBe(201);
    const started = await call('POST', `/vdcs/${NAME}/deploy`, {});
    expect(started.status).toBe(202);
    const op = await finished(started.json.operation.id);
    expect(op.status).toBe('failed');
    // The API carries the explanation: class, words, the appliance, Retry's revision, no roll back yet.
    expect(op.failure).toMatchObject({ class: 'port_taken', appliance: 'site', retryRevision: 1, rollbackRevision: null });
    expect(op.failure.details).toMatch(/address already in use/);

    await page.goto(`${url}/vdcs/${NAME}`);
    await page.getByTestId('node-site').waitFor();
    await page.getByTestId('operations-tab').click();
    const view = page.getByTestId('failure-view');
    await view.waitFor();
    expect(await page.getByTestId('failure-message').textContent()).toContain(`Port ${held.port} is in use by another program on this machine`);
    expect(await page.getByTestId('failure-fix').textContent()).toMatch(/then Retry/);
    // Docker's words (container ids and all) only behind Details.
    expect(await page.getByTestId('failure-message').textContent()).not.toMatch(/driver failed|[0-9a-f]{32}/);
    await expect.poll(() => page.getByTestId('node-state-site').textContent()).toBe('failed');
    expect(await page.getByTestId('node-reason-site').textContent()).toContain(`Port ${held.port} is in use`);
    await page.getByTestId('failure-details').locator('summary').click();
    expect(await page.getByTestId('failure-details').locator('pre').textContent()).toMatch(/driver failed programming external connectivity.*address already in use/s);
    expect(await page.getByTestId('failure-rollback').count()).toBe(0); // nothing deployed before: no roll back
    await screenshot(page, 'deploy-failure'); // test-artifacts/deploy-failure.png: the README's docs/deploy-failure.png

    // The CLI says the same, with the next command.
    const shown = await colo(['op', op.id], cli);
    expect(shown.stdout).toContain(`error: deploy ${op.id} failed: Port ${held.port} is in use by another program on this machine`);
    expect(shown.stdout).toContain(`next: colo deploy ${NAME} --retry`);
  });

  it('runs once the port is free and Retry is pressed', async () => {
    await release(held.server);
    await page.getByTestId('failure-retry').click();
    await expect.poll(lastOperationStatus, { timeout: 240_000, interval: 1000 }).toBe('succeeded');
    await expect.poll(() => page.getByTestId('node-state-site').textContent(), { timeout: 60_000 }).toBe('healthy');
    await waitFor(`the site on port ${held.port}`, () => answers(held.port), 60_000);
  });

  it('rolls back to the revision that ran after a second revision fails', async () => {
    const second = await holdPort();
    const saved = await call('PUT', `/vdcs/${NAME}`, { manifest: manifest(second.port), baseRevision: 1 });
    expect(saved.status).toBe(200);
    // The CLI's deploy fails the same way and names both next commands.
    const res = await colo(['deploy', NAME, '--wait'], cli);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Port ${second.port} is in use by another program on this machine`);
    expect(res.stderr).toContain(`colo deploy ${NAME} --retry`);
    expect(res.stderr).toMatch(new RegExp(`colo rollback ${NAME} +\\(deploys revision 1, the last that deployed\\)`));

    await page.getByTestId('failure-view').waitFor();
    await expect.poll(() => page.getByTestId('failure-message').textContent()).toContain(`Port ${second.port} is in use`);
    expect(await page.getByTestId('failure-rollback').textContent()).toBe('Roll back to revision 1');
    await page.getByTestId('failure-rollback').click();
    await expect.poll(lastOperationStatus, { timeout: 240_000, interval: 1000 }).toBe('succeeded');
    const vdc = (await call('GET', `/vdcs/${NAME}`)).json;
    const revisions = (await call('GET', `/vdcs/${NAME}/revisions`)).json.revisions as { id: string; number: number }[];
    expect(revisions.find((r) => r.id === vdc.vdc.deployedRevisionId)?.number).toBe(1);
    await waitFor(`revision 1's site on port ${held.port}`, () => answers(held.port), 60_000);
    await expect.poll(() => page.getByTestId('node-state-site').textContent(), { timeout: 60_000 }).not.toBe('failed');
  });
});
