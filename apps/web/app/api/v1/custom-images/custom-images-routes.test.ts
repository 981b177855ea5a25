// The custom image allow-list over HTTP through the real handlers and database: admins (with an
// admin token) list, allow and disallow; anyone else gets 403 and changes nothing.
import { createApiToken, createUser } from '@colo/control';
import { type ControlTest, setupControlTest } from '@colo/control/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as images from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let adminToken: string;
let adminDeployToken: string;
let userToken: string;
beforeAll(async () => {
  t = await setupControlTest('web-custom-images');
  const admin = await createUser({ email: `admin-${t.instance}@colo.test`, role: 'admin' });
  adminToken = (await createApiToken(admin.id, 'admin', { scope: 'admin' })).token;
  adminDeployToken = (await createApiToken(admin.id, 'deploy', { scope: 'deploy' })).token;
  userToken = (await createApiToken((await t.user()).id, 'cli')).token;
});
afterAll(async () => {
  await t?.teardown();
});

async function call(handler: Handler, method: string, path: string, token: string, body?: unknown) {
  const req = new Request(`http://127.0.0.1/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve({}) as Promise<never> });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as any };
}

describe('/custom-images', () => {
  it('is refused to users and to an admin without an admin token', async () => {
    expect((await call(images.GET, 'GET', '/custom-images', userToken)).status).toBe(403);
    expect((await call(images.POST, 'POST', '/custom-images', userToken, { image: 'acme/blog:2' })).status).toBe(403);
    expect((await call(images.POST, 'POST', '/custom-images', adminDeployToken, { image: 'acme/blog:2' })).status).toBe(403);
    expect((await call(images.GET, 'GET', '/custom-images', adminToken)).json).toEqual({ images: [] });
  });

  it('allows (201, then 200), lists and disallows an image in its canonical form', async () => {
    const made = await call(images.POST, 'POST', '/custom-images', adminToken, { image: 'docker.io/acme/blog:2', note: 'the blog' });
    expect(made.status).toBe(201);
    expect(made.json.image).toMatchObject({ reference: 'acme/blog:2', note: 'the blog' });
    expect((await call(images.POST, 'POST', '/custom-images', adminToken, { image: 'acme/blog:2' })).status).toBe(200);
    const listed = await call(images.GET, 'GET', '/custom-images', adminToken);
    expect(listed.json.images.map((i: { reference: string }) => i.reference)).toEqual(['acme/blog:2']);

    expect((await call(images.POST, 'POST', '/custom-images', adminToken, { image: 'Not An Image' })).status).toBe(400);
    expect((await call(images.DELETE, 'DELETE', '/custom-images', adminToken)).status).toBe(400);
    const gone = await call(images.DELETE, 'DELETE', `/custom-images?image=${encodeURIComponent('acme/blog:2')}`, adminToken);
    expect(gone).toEqual({ status: 200, json: { reference: 'acme/blog:2' } });
    expect((await call(images.DELETE, 'DELETE', `/custom-images?image=${encodeURIComponent('acme/blog:2')}`, adminToken)).status).toBe(404);
  });
});
