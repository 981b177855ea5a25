// Real Chromium for the end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core,
// with the flags this closed network needs, and screenshots saved under test-artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ROOT } from './harness';

export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.COLO_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * How long a Playwright action waits for its element. The suite's lanes run side by side on two
 * cores, where a busy Chromium can take well over Playwright's default 30 s to settle a dialog.
 */
export const ACTION_TIMEOUT_MS = 120_000;

/** Applies the suite's action timeout to a context (and every page opened in it). */
export function tolerateLoad<T extends { setDefaultTimeout(ms: number): void }>(target: T): T {
  target.setDefaultTimeout(ACTION_TIMEOUT_MS);
  return target;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Drags from one element's centre to another's with real mouse events (React Flow wiring). */
export async function dragBetween(page: Page, fromSelector: string, toSelector: string): Promise<void> {
  const from = await page.locator(fromSelector).boundingBox();
  const to = await page.locator(toSelector).boundingBox();
  if (!from || !to) throw new Error(`cannot drag ${fromSelector} → ${toSelector}: not visible`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}
