// bench/editor: how the canvas editor copes with a big VDC, in headless Chromium.
//
//   npx tsx bench/editor.ts [--appliances 300] [--connections 400] [--rounds 3]
//
// Needs the web app built (`npx turbo run build --filter=@colo/web`) and Postgres + Redis
// running: after `bash scripts/up.sh` it runs as is (Postgres at DATABASE_URL, else up.sh's
// default postgresql://colo:colo@127.0.0.1:5432/colo; Redis at REDIS_URL, else 127.0.0.1:6379).
// It makes a throwaway database, starts `next start` on a free 127.0.0.1 port, signs up through
// the API, saves two VDCs — an empty one (the baseline) and a generated one — and for each
// measures in the same browser:
//   first interactive render  navigation → every visible box drawn → a click selects a box
//   auto-layout               click "Auto-layout" → elk finished and the boxes moved
// and the editor route's JavaScript as the browser downloaded it, gzip-compressed.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createTestDatabase } from '@colo/db/testing';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/acceptance/browser';
import { baseEnv, freePort, instance, startWeb } from '../tests/acceptance/harness';
import { generateVdc } from './generate-vdc';

const { values } = parseArgs({
  options: {
    appliances: { type: 'string', default: '300' },
    connections: { type: 'string', default: '400' },
    rounds: { type: 'string', default: '3' },
  },
});
const appliances = Number(values.appliances);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
if (![appliances, connections, rounds].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error('usage: npx tsx bench/editor.ts [--appliances N] [--connections N] [--rounds N]');
  process.exit(2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x)} ms`;

async function api(url: string, path: string, body: unknown, cookie?: string) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} → ${res.status}: ${await res.text()}`);
  return res;
}

/** Opens the editor and returns ms until the boxes are drawn and a click selects one. */
async function firstInteractiveRender(page: Page, url: string, name: string, expectNodes: boolean): Promise<number> {
  const t0 = Date.now();
  await page.goto(`${url}/vdcs/${name}`);
  await page.locator('.react-flow__pane').waitFor();
  if (!expectNodes) {
    await page.getByTestId('palette-item-halb').waitFor();
    return Date.now() - t0;
  }
  await page.locator('.react-flow__node').first().waitFor();
  // Click a box that lies fully inside the visible pane (others may sit under the toolbars).
  const index = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    const nodes = [...document.querySelectorAll('.react-flow__node')];
    return nodes.findIndex((n) => {
      const r = n.getBoundingClientRect();
      return pane && r.left > pane.left && r.top > pane.top && r.right < pane.right && r.bottom < pane.bottom;
    });
  });
  if (index < 0) throw new Error('no box is fully visible on the canvas');
  await page.locator('.react-flow__node').nth(index).click();
  await page.getByTestId('inspector-name').waitFor();
  return Date.now() - t0;
}

async function autoLayout(page: Page): Promise<number> {
  const before = await page.locator('.react-flow__node').first().getAttribute('style');
  const button = page.getByTestId('layout-button');
  const t0 = Date.now();
  await button.click();
  await page.waitForFunction(
    (prev) => {
      const b = document.querySelector('[data-testid="layout-button"]') as HTMLButtonElement | null;
      const n = document.querySelector('.react-flow__node');
      return b && !b.disabled && n && n.getAttribute('style') !== prev;
    },
    before,
    { timeout: 120_000, polling: 'raf' },
  );
  return Date.now() - t0;
}

async function main() {
  const db = await createTestDatabase('bench_editor');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Its own database, queue and secret key: after scripts/up.sh nothing needs exporting, and
  // nothing it saves can reach the running Colo's worker.
  const web = await startWeb(
    port,
    baseEnv({
      DATABASE_URL: db.url,
      COLO_QUEUE_NAME: `colo-operations-${instance}`,
      COLO_SECRET_KEY: process.env.COLO_SECRET_KEY ?? randomBytes(32).toString('base64'),
    }),
  );
  const browser = await launchBrowser();
  try {
    const setup = await api(url, '/auth/setup', { email: 'bench@colo.test', name: 'Bench', password: 'bench-editor-pass' });
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
    const big = generateVdc('big', appliances, connections);
    await api(url, '/vdcs', { manifest: { apiVersion: 'colo/v1', kind: 'VDC', name: 'empty', appliances: [] } }, cookie);
    await api(url, '/vdcs', { manifest: big }, cookie);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [cname, cvalue] = cookie.split('=');
    await context.addCookies([{ name: cname, value: cvalue, url }]);
    const page = await context.newPage();

    // JavaScript the editor route downloads (cold cache), gzip-compressed as a server would send it.
    let jsGzip = 0;
    const seen = new Set<string>();
    page.on('response', async (res) => {
      if (!res.url().endsWith('.js') || seen.has(res.url())) return;
      seen.add(res.url());
      jsGzip += gzipSync(await res.body().catch(() => Buffer.alloc(0))).length;
    });
    await firstInteractiveRender(page, url, 'empty', false);
    await page.waitForLoadState('networkidle');
    page.removeAllListeners('response');

    const empty: number[] = [];
    const render: number[] = [];
    const layout: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      empty.push(await firstInteractiveRender(page, url, 'empty', false));
      render.push(await firstInteractiveRender(page, url, 'big', true));
      layout.push(await autoLayout(page));
      console.log(`round ${r}: empty editor ${ms(empty.at(-1) as number)}, ${appliances}-appliance editor ${ms(render.at(-1) as number)}, auto-layout ${ms(layout.at(-1) as number)}`);
    }
    console.log(`VDC: ${big.appliances.length} appliances, ${big.connections.length} connections`);
    console.log(`median first interactive render: ${ms(median(render))} (empty VDC baseline ${ms(median(empty))}, ratio ${(median(render) / median(empty)).toFixed(2)}x)`);
    console.log(`median auto-layout: ${ms(median(layout))}`);
    console.log(`editor route JavaScript: ${(jsGzip / 1024).toFixed(0)} KiB gzip (${seen.size} files)`);
  } finally {
    await browser.close();
    await web.kill('SIGTERM');
    await db.drop();
  }
}

main().catch((err) => {
  console.error(`bench/editor failed: ${(err as Error).message}`);
  process.exit(1);
});
