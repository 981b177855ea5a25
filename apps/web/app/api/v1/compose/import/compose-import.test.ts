// `POST /compose/import` through its real handler against a real database and the stock catalog:
// a refused file is a 400 with every reason and no VDC row; a dry run saves nothing; an import
// creates a VDC (not deployed) that `colo plan` (POST /vdcs/:name/plan) can plan.
import { createServer } from 'node:net';
import { createApiToken, reloadCatalog } from '@colo/control';
import { type ControlTest, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vdcPlan from '../../vdcs/[name]/plan/route';
import * as compose from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let token: string;
let userId: string;
beforeAll(async () => {
  t = await setupControlTest('web-compose-import');
  reloadCatalog(); // the stock classes (templates/), not the test's sleeper
  userId = (await t.user()).id;
  token = (await createApiToken(userId, 'test')).token;
});
afterAll(async () => {
  await t?.teardown();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function call(handler: Handler, path: string, body: unknown, params: Record<string, string> = {}) {
  const req = new Request(`http://127.0.0.1/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) as Promise<never> });
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: res.status, json: (await res.json()) as any };
}

const shop = (port: number) => `services:
  lb:
    image: haproxy:2.8
    ports: ["${port}:80"]
    depends_on: [web]
  web:
    image: php:8.2-apache
    deploy: { replicas: 2 }
    depends_on: [db]
  db:
    image: postgres:15
    environment: { POSTGRES_DB: shop, POSTGRES_PASSWORD: hunter2 }
    volumes: [pgdata:/var/lib/postgresql/data]
volumes:
  pgdata:
`;

const vdcCount = (name: string) => getPrisma().vdc.count({ where: { ownerId: userId, name } });

describe('POST /compose/import', () => {
  it('refuses an unsafe file with 400 and every reason, creating nothing', async () => {
    const text = 'services:\n  web:\n    image: nginx\n    privileged: true\n    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]\n';
    const res = await call(compose.POST, '/compose/import', { name: 'unsafe', compose: text });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('bad_request');
    expect(res.json.error.message).toMatch(/^the compose file was refused, nothing was created: services\.web\.privileged: .*\(and 1 more\)$/);
    expect(res.json.error.issues).toEqual([
      expect.objectContaining({ path: 'services.web.privileged', message: expect.stringMatching(/privileged/) }),
      expect.objectContaining({ path: 'services.web.volumes', message: expect.stringMatching(/Docker socket/) }),
    ]);
    expect(await vdcCount('unsafe')).toBe(0);
  });

  it('refuses a body without compose text as a bad request', async () => {
    const res = await call(compose.POST, '/compose/import', { name: 'x' });
    expect(res.status).toBe(400);
  });

  it('answers a dry run with the manifest and the report, saving nothing', async () => {
    const res = await call(compose.POST, '/compose/import', { name: 'dry', compose: shop(await freePort()), dryRun: true });
    expect(res.status).toBe(200);
    expect(res.json.manifest.appliances.map((a: { class: string }) => a.class)).toEqual(['halb', 'web-php', 'postgres']);
    expect(res.json.manifest.connections).toEqual([
      { from: 'lb.out', to: 'web.in' },
      { from: 'web.db', to: 'db.in' },
    ]);
    expect(res.json.errors).toEqual([]);
    expect(res.json.report).toContainEqual(expect.objectContaining({ service: 'db', key: 'environment.POSTGRES_PASSWORD', severity: 'dropped' }));
    expect(JSON.stringify(res.json)).not.toContain('hunter2');
    expect(await vdcCount('dry')).toBe(0);
  });

  it('creates a VDC, not deployed, that plans', async () => {
    const port = await freePort();
    const res = await call(compose.POST, '/compose/import', { name: 'from-compose', compose: shop(port) });
    expect(res.status).toBe(201);
    expect(res.json.vdc).toMatchObject({ name: 'from-compose' });
    expect(res.json.revision).toMatchObject({ number: 1 });
    expect(res.json.report.length).toBeGreaterThan(0);
    expect(await vdcCount('from-compose')).toBe(1);

    const plan = await call(vdcPlan.POST, '/vdcs/from-compose/plan', {}, { name: 'from-compose' });
    expect(plan.status).toBe(200);
    expect(plan.json.plan.steps.length).toBeGreaterThan(0);

    // The same name again is the usual name_taken, from the same createVdc.
    const again = await call(compose.POST, '/compose/import', { name: 'from-compose', compose: shop(await freePort()) });
    expect(again.status).toBe(409);
  });
});
