// The prototype's terminal in real Chromium, against the real web app and Docker, on a catalog of
// its own (the small `sleeper` class). An admin opens the class's prototype, opens the terminal
// (xterm.js), types `hostname` and sees the prototype container's hostname as Docker tells it; a
// `touch` typed there lands in the prototype's filesystem (checked by Docker exec). Closing it
// hangs the shell up, and Reconnect opens a fresh one. The shell runs in the worker (the web app
// reaches it through the terminal relay), as under docker-compose.yml.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureSleeperImage, sleeperClass } from '@colo/control/testing';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { baseEnv, cleanupInstance, docker, execIn, freePort, instance, instanceFilter, type Service, startWeb, startWorker, waitFor } from './harness';

let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let page: Page;
let url: string;
let cookie: string;
let templatesDir: string;

async function call(method: string, route: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${route}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function prototypeContainer() {
  const [found] = await docker.listContainers({ all: true, ...instanceFilter(['colo.role=prototype', 'colo.class=sleeper']) });
  if (!found) throw new Error('no prototype container of sleeper');
  return found.Id;
}

/** What the terminal shows, one line per row, as xterm's DOM renderer draws it. */
const screenText = async () =>
  (await page.locator('[data-testid="prototype-terminal"] .xterm-rows > div').allTextContents()).map((row) => row.replace(/\u00a0/g, ' ').trimEnd()).join('\n');

async function shells(container: string): Promise<string> {
  return (await execIn(container, ['sh', '-c', 'for d in /proc/[0-9]*; do tr "\\0" " " < $d/cmdline 2>/dev/null; echo; done'])).output;
}

beforeAll(async () => {
  await ensureSleeperImage();
  templatesDir = mkdtempSync(path.join(tmpdir(), 'colo-terminal-e2e-templates-'));
  mkdirSync(path.join(templatesDir, 'appliances', 'sleeper'), { recursive: true });
  writeFileSync(path.join(templatesDir, 'appliances', 'sleeper', 'class.yaml'), JSON.stringify(sleeperClass, null, 2));
  db = await createTestDatabase('terminal_e2e');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = baseEnv({ DATABASE_URL: db.url, COLO_TEMPLATES_DIR: templatesDir, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  web = await startWeb(port, env);
  worker = startWorker(env);
  await waitFor('the worker', async () => worker.output().includes('colo worker ready'), 90_000, 300, async () => worker.output());
  const setup = await call('POST', '/auth/setup', { email: 'tess@colo.test', name: 'Tess', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];

  browser = await launchBrowser();
  const context = tolerateLoad(await browser.newContext({ viewport: { width: 1280, height: 1000 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await web?.kill('SIGTERM');
  await worker?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
  if (templatesDir) rmSync(templatesDir, { recursive: true, force: true });
});

describe('prototype terminal', () => {
  it('runs what an admin types in the browser as root in the prototype, and hangs up when closed', async () => {
    await page.goto(`${url}/classes/sleeper`);
    await page.getByTestId('prototype-online').uncheck();
    await page.getByTestId('prototype-open').click();
    await page.locator('[data-testid="prototype-panel"][data-open="yes"]').waitFor();
    const container = await prototypeContainer();
    const hostname = (await docker.getContainer(container).inspect()).Config.Hostname;
    expect(hostname).toMatch(/^[0-9a-f]{12}$/);

    await page.getByTestId('prototype-terminal-open').click();
    await page.locator('[data-testid="prototype-terminal"][data-phase="open"]').waitFor();
    expect(await page.getByTestId('prototype-terminal-state').textContent()).toBe('open · the prototype of sleeper (from version 1)');
    // The shell's prompt says it is root's.
    await expect.poll(screenText, { timeout: 30_000 }).toMatch(/^root@\S+# ?$/m);

    await page.locator('[data-testid="prototype-terminal"] .xterm').click();
    await page.keyboard.type('hostname');
    await page.keyboard.press('Enter');
    // The line after the typed command is the answer: the container's hostname, alone.
    await expect.poll(screenText, { timeout: 30_000 }).toMatch(new RegExp(`# hostname\n${hostname}\n`));

    await page.keyboard.type('touch /colo-term-proof && echo proof-$((20+22))');
    await page.keyboard.press('Enter');
    await expect.poll(screenText, { timeout: 30_000 }).toMatch(/\nproof-42\n/);
    expect((await execIn(container, ['test', '-f', '/colo-term-proof'])).code).toBe(0);
    await screenshot(page, 'prototype-terminal');

    // Close: the shell is hung up, and the state says so.
    expect(await shells(container)).toMatch(/\/bin\/bash/);
    await page.getByTestId('prototype-terminal-close').click();
    await page.locator('[data-testid="prototype-terminal"][data-phase="closed"]').waitFor();
    expect(await page.getByTestId('prototype-terminal-state').textContent()).toBe('closed (closed by you)');
    await expect.poll(() => shells(container), { timeout: 15_000 }).not.toMatch(/\/bin\/bash/);

    // Reconnect opens a fresh shell where the file is still there.
    await page.getByTestId('prototype-terminal-reconnect').click();
    await page.locator('[data-testid="prototype-terminal"][data-phase="open"]').waitFor();
    await page.locator('[data-testid="prototype-terminal"] .xterm').click();
    await page.keyboard.type('ls /colo-term-proof && echo again-$((1+1))');
    await page.keyboard.press('Enter');
    await expect.poll(screenText, { timeout: 30_000 }).toMatch(/\n\/colo-term-proof\nagain-2\n/);
  });
});
