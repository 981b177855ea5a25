// Node bootstrap links against the real database and real worker calls (served in this process):
// admins only, the secret kept hashed, one use however many ask at once, an expiry, a wrong token
// that changes nothing (and fills no log), a link given back when its images could not begin to
// stream, and each use of a real link in the audit log. The
// bytes themselves (a real `docker save` through the pipe): tests/acceptance/node-bootstrap.test.ts.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { hashSecretToken } from '../auth/secret-token';
import { createUser } from '../auth/users';
import { configureControl } from '../config';
import { isColoError } from '../errors';
import { type ControlTest, setupControlTest } from '../testing';
import { BOOTSTRAP_LINK_MINUTES, claimBootstrapLink, createBootstrapLink, serveBootstrapImages } from './bootstrap-link';

const ORIGIN = 'https://colo.example.test:8443';

let t: ControlTest;
let admin: AuthUser;
let user: AuthUser;

beforeAll(async () => {
  t = await setupControlTest('bootstrap-link', { workerCalls: true });
  admin = await createUser({ email: `admin-${t.instance}@colo.test`, role: 'admin' });
  user = await t.user();
}, 60_000);
afterAll(async () => {
  await t?.teardown();
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isColoError(error)) throw new Error(`expected a ColoError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

const tokenOf = (url: string) => url.split('/').pop() as string;
const rows = () => getPrisma().nodeBootstrapLink.findMany({ orderBy: { id: 'asc' } });
const audits = () => getPrisma().auditEvent.findMany({ where: { action: 'nodeBootstrapImages' }, orderBy: { at: 'asc' } });

describe('node bootstrap links', () => {
  it('are made by admins only, on the origin given, with the secret kept as its hash', async () => {
    expect(await refusal(createBootstrapLink(user, ORIGIN))).toMatchObject({ code: 'forbidden', message: 'only an admin may make a node bootstrap link' });
    const before = Date.now();
    const link = await createBootstrapLink(admin, ORIGIN);
    expect(link.url).toMatch(/^https:\/\/colo\.example\.test:8443\/api\/v1\/nodes\/bootstrap\/cboot_[a-z0-9]{40}$/);
    expect(link.loadCommand).toBe(`curl -fsS ${link.url} | docker load`);
    expect(link.images).toEqual(['colo/registry-relay:1', 'colo/share:1']);
    const expires = Date.parse(link.expiresAt) - before;
    expect(expires).toBeGreaterThan((BOOTSTRAP_LINK_MINUTES - 1) * 60_000);
    expect(expires).toBeLessThanOrEqual(BOOTSTRAP_LINK_MINUTES * 60_000 + 5_000);
    const row = await getPrisma().nodeBootstrapLink.findUniqueOrThrow({ where: { tokenHash: hashSecretToken(tokenOf(link.url)) } });
    expect(row).toMatchObject({ createdById: admin.id, usedAt: null });
    expect(JSON.stringify(row)).not.toContain(tokenOf(link.url));
  });

  it('serves once: of many asking at once exactly one wins, and the others are told it was used', async () => {
    const token = tokenOf((await createBootstrapLink(admin, ORIGIN)).url);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => claimBootstrapLink(token)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'not_found', message: expect.stringMatching(/^this node bootstrap link was used already .*each link serves once/) });
    }
    expect(await refusal(claimBootstrapLink(token))).toMatchObject({ code: 'not_found', message: expect.stringContaining('used already') });
  });

  it('expires: an old link is refused in words and stays unused', async () => {
    const token = tokenOf((await createBootstrapLink(admin, ORIGIN)).url);
    const tokenHash = hashSecretToken(token);
    await getPrisma().nodeBootstrapLink.update({ where: { tokenHash }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await refusal(claimBootstrapLink(token))).toMatchObject({ code: 'not_found', message: expect.stringMatching(/^this node bootstrap link expired at .*\(links last 30 minutes\): get a new one with colo node add/) });
    expect((await getPrisma().nodeBootstrapLink.findUniqueOrThrow({ where: { tokenHash } })).usedAt).toBeNull();
  });

  it('changes nothing for a wrong token: unknown, malformed, or another link with one character changed', async () => {
    const token = tokenOf((await createBootstrapLink(admin, ORIGIN)).url);
    const near = `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`;
    const before = await rows();
    const auditedBefore = await audits();
    for (const wrong of [near, `cboot_${'0'.repeat(40)}`, 'cboot_short', '../../users', token.toUpperCase(), '']) {
      expect(await refusal(claimBootstrapLink(wrong)), wrong).toEqual({ code: 'not_found', message: expect.stringMatching(/^this node bootstrap link is not valid: get a new one/) });
      expect(await refusal(serveBootstrapImages(wrong)), wrong).toMatchObject({ code: 'not_found' });
    }
    expect(await rows()).toEqual(before);
    // Guessing fills no log.
    expect(await audits()).toEqual(auditedBefore);
    // The real one still works after all that.
    await expect(claimBootstrapLink(token)).resolves.toMatchObject({ usedAt: expect.any(Date) });
  });

  it('gives the link back when the images cannot begin to stream (one missing on the engine)', async () => {
    const token = tokenOf((await createBootstrapLink(admin, ORIGIN)).url);
    const namespace = process.env.COLO_IMAGE_NAMESPACE;
    process.env.COLO_IMAGE_NAMESPACE = `colo-absent-${t.instance}`;
    configureControl(process.env);
    try {
      expect(await refusal(serveBootstrapImages(token))).toMatchObject({
        code: 'docker_error',
        message: expect.stringMatching(/^Colo's Docker engine has no image colo-absent-.*\/registry-relay:1, colo-absent-.*\/share:1: build Colo's images/),
      });
    } finally {
      if (namespace === undefined) delete process.env.COLO_IMAGE_NAMESPACE;
      else process.env.COLO_IMAGE_NAMESPACE = namespace;
      configureControl(process.env);
    }
    const row = await getPrisma().nodeBootstrapLink.findUniqueOrThrow({ where: { tokenHash: hashSecretToken(token) } });
    expect(row.usedAt).toBeNull();
    expect((await audits()).filter((a) => (a.detail as { link?: string }).link === row.id)).toMatchObject([
      { via: 'system', actorId: null, outcome: 'failed', status: 502, detail: { madeBy: admin.id, givenBack: true, error: expect.stringContaining('has no image') } },
    ]);
    await expect(claimBootstrapLink(token)).resolves.toMatchObject({ usedAt: expect.any(Date) });
  });

  it('audits a used link asked again, with the address that asked and who made it', async () => {
    const token = tokenOf((await createBootstrapLink(admin, ORIGIN)).url);
    await claimBootstrapLink(token);
    expect(await refusal(serveBootstrapImages(token, '192.0.2.7'))).toMatchObject({ code: 'not_found', message: expect.stringContaining('used already') });
    const row = await getPrisma().nodeBootstrapLink.findUniqueOrThrow({ where: { tokenHash: hashSecretToken(token) } });
    const events = (await audits()).filter((a) => (a.detail as { link?: string }).link === row.id);
    expect(events).toMatchObject([{ via: 'system', address: '192.0.2.7', outcome: 'denied', status: 404, detail: { madeBy: admin.id, error: expect.stringContaining('used already') } }]);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('deletes links a day past their expiry when a new one is made', async () => {
    const token = tokenOf((await createBootstrapLink(admin, ORIGIN)).url);
    const tokenHash = hashSecretToken(token);
    await getPrisma().nodeBootstrapLink.update({ where: { tokenHash }, data: { expiresAt: new Date(Date.now() - 25 * 3600_000) } });
    await createBootstrapLink(admin, ORIGIN);
    expect(await getPrisma().nodeBootstrapLink.findUnique({ where: { tokenHash } })).toBeNull();
  });
});
