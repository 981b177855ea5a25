// A broken class.yaml on the server reaches the user as the catalog problem it is (file and
// reason), not as a bare "internal error".
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiToken, reloadCatalog } from '@colo/control';
import { type ControlTest, setupControlTest } from '@colo/control/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as validate from '../validate/route';
import * as catalog from './route';

const TEMPLATES = path.resolve(__dirname, '../../../../../../templates');

let t: ControlTest;
let token: string;
let dir: string;
const previous = process.env.COLO_TEMPLATES_DIR;
beforeAll(async () => {
  t = await setupControlTest('web-catalog-errors');
  token = (await createApiToken((await t.user()).id, 'test')).token;
  dir = mkdtempSync(path.join(tmpdir(), 'colo-templates-'));
  cpSync(TEMPLATES, path.join(dir, 'templates'), { recursive: true });
  writeFileSync(path.join(dir, 'templates/appliances/redis/class.yaml'), 'id: redis\nversion: one\nterminals: [\n');
  process.env.COLO_TEMPLATES_DIR = path.join(dir, 'templates');
  reloadCatalog();
});
afterAll(async () => {
  if (previous === undefined) delete process.env.COLO_TEMPLATES_DIR;
  else process.env.COLO_TEMPLATES_DIR = previous;
  reloadCatalog();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await t?.teardown();
});

function get(handler: typeof catalog.GET, method = 'GET', body?: unknown) {
  const req = new Request('http://127.0.0.1/api/v1/catalog', {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(req, { params: Promise.resolve({}) });
}

describe('a broken catalog on the server', () => {
  it('is answered with the file and the reason', async () => {
    for (const res of [await get(catalog.GET), await get(validate.POST, 'POST', { manifest: 'apiVersion: colo/v1\nkind: VDC\nname: x\n' })]) {
      const body = await res.json();
      expect(res.status).toBe(500);
      expect(body.error.code).toBe('catalog_invalid');
      expect(body.error.message).toContain('templates/appliances/redis/class.yaml');
      expect(body.error.message).not.toBe('internal error');
      expect(body.error.issues[0]).toMatchObject({ path: expect.stringContaining('templates/appliances/redis/class.yaml'), severity: 'error' });
    }
  });
});
