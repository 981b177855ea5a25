// Renders the Colo mark (apps/web/app/icon.svg) into apps/web/app/favicon.ico: 16, 32 and 48 px
// PNGs in one ICO, drawn by the same Chromium the e2e tests use. Browsers that ignore the SVG
// icon ask for /favicon.ico; run again after changing the mark: npx tsx scripts/render-favicon.ts
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const APP = path.resolve(import.meta.dirname, '../apps/web/app');
const SIZES = [16, 32, 48];

/** An ICO file holding PNG images (allowed since Windows Vista, read by every current browser). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

const svg = readFileSync(path.join(APP, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.COLO_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  const images: { size: number; png: Buffer }[] = [];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
    images.push({ size, png: await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }) });
  }
  writeFileSync(path.join(APP, 'favicon.ico'), ico(images));
  console.log(`wrote apps/web/app/favicon.ico (${SIZES.join(', ')} px)`);
} finally {
  await browser.close();
}
