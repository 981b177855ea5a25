// The nodes page in real Chromium on a real swarm: Colo's web and worker run with DOCKER_HOST on
// the manager of a 3-node test swarm. The admin sees the three nodes with their roles and what
// runs on each, reads the join command (the swarm's own worker token), drains a worker through
// the page (the worker makes the change; the answer says everything moved) and activates it again.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchBrowser, screenshot, tolerateLoad } from '../acceptance/browser';
import { baseEnv, freePort, instance, ROOT, type Service, startWeb, startWorker } from '../acceptance/harness';
import { startTestSwarm, type TestSwarm } from '../support/swarm';

const ECHO = 'colo-test/echo:2';
const LABELS = { 'colo.managed': 'true', 'colo.instance': 'nodes-page', 'colo.vdc': 'vdc-elsewhere', 'colo.appliance': 'web' };
let swarm: TestSwarm;
let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;

beforeAll(async () => {
  [swarm, db] = await Promise.all([startTestSwarm({ nodes: 3, images: [ECHO] }), createTestDatabase('nodes_page_e2e')]);
  await swarm.manager.docker.createService({
    Name: 'elsewhere-web',
    Labels: LABELS,
    TaskTemplate: { ContainerSpec: { Image: ECHO, Labels: LABELS } },
    Mode: { Replicated: { Replicas: 3 } },
    EndpointSpec: { Mode: 'dnsrr' },
  });
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}-nodes`, DOCKER_HOST: `tcp://${swarm.manager.ip}:2375` });
  const out = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bootstrap-admin.ts', '--email', 'ada@colo.test', '--json', '--no-cli-config'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  const ada = JSON.parse(out) as { password: string };
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, env);
  worker = startWorker(env);
  browser = await launchBrowser();
  context = tolerateLoad(await browser.newContext({ viewport: { width: 1600, height: 1000 } }));
  page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill('ada@colo.test');
  await page.getByLabel('Password').fill(ada.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}, 600_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await worker?.kill('SIGTERM');
  await web?.kill('SIGTERM');
  await db?.drop();
  await swarm?.stop();
});

describe('the nodes page on a swarm', () => {
  it('lists the nodes with what runs there, gives the join command, drains and activates a worker', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'nodes-swarm-failed').catch(() => undefined);
      console.error(`web output:\n${web.output().slice(-3000)}\nworker output:\n${worker.output().slice(-3000)}`);
    });
    const [n1, , n3] = swarm.nodes;
    if (!n1 || !n3) throw new Error('no nodes');
    await page.goto(`${url}/nodes`);
    await page.getByTestId('node-table').waitFor();
    // The replicas spread as the scheduler placed them; wait until each node shows one running.
    for (const n of swarm.nodes) {
      const row = page.getByTestId(`node-row-${n.hostname}`);
      await row.getByText('vdc-elsewhere').waitFor({ timeout: 90_000 });
      expect(await row.getByTestId('node-runs').textContent()).toContain('web');
      expect(await row.textContent()).toContain(n === n1 ? 'manager' : 'worker');
      expect(await row.textContent()).toContain('ready');
    }
    expect(await page.getByTestId(`node-row-${n1.hostname}`).getByTestId('node-remove').count()).toBe(0);

    await page.getByTestId('show-join-worker').click();
    const token = ((await swarm.manager.docker.swarmInspect()) as { JoinTokens: { Worker: string } }).JoinTokens.Worker;
    await page.getByTestId('join-command').getByText(token).waitFor();
    expect(await page.getByTestId('join-command').textContent()).toBe(`docker swarm join --token ${token} ${n1.ip}:2377`);

    const third = page.getByTestId(`node-row-${n3.hostname}`);
    await third.getByTestId('node-drain').click();
    await page.getByTestId('node-drain-dialog').getByTestId('confirm-button').click();
    await page.getByTestId('drain-result').getByText(`${n3.hostname} is drained: everything that can move has moved.`).waitFor({ timeout: 90_000 });
    await third.getByTestId('node-activate').waitFor();
    expect(await third.textContent()).toContain('drain');
    expect(await third.getByTestId('node-runs').count()).toBe(0);
    await screenshot(page, 'nodes-swarm');

    await third.getByTestId('node-activate').click();
    await third.getByTestId('node-drain').waitFor();
    const inspected = (await swarm.manager.docker.getNode(n3.nodeId).inspect()) as { Spec: { Availability: string } };
    expect(inspected.Spec.Availability).toBe('active');
  });
});
