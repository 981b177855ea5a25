import { afterEach, describe, expect, it } from 'vitest';
import { apiError, type FakeColo, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const blog = { reference: 'acme/blog:2', note: 'the team blog', allowedBy: 'ann@example.com', createdAt: '2026-12-03T09:00:00.000Z' };

describe('colo image', () => {
  it('ls prints the allow-list as a table, or says how to allow one', async () => {
    server = await startFakeColo({ 'GET /custom-images': { body: { images: [blog] } } });
    expect(await runCli(['image', 'ls'], { server })).toEqual({
      code: 0,
      stderr: '',
      stdout: 'IMAGE        NOTE           ALLOWED BY\nacme/blog:2  the team blog  ann@example.com\n',
    });
    server.close();
    server = await startFakeColo({ 'GET /custom-images': { body: { images: [] } } });
    expect((await runCli(['image', 'ls'], { server })).stdout).toBe('no images allowed: colo image allow IMAGE (after docker load)\n');
  });

  it('allow sends the image and the note; disallow names it in the query', async () => {
    server = await startFakeColo({ 'POST /custom-images': { status: 201, body: { image: blog } }, 'DELETE /custom-images': { body: { reference: 'acme/blog:2' } } });
    const allowed = await runCli(['image', 'allow', 'docker.io/acme/blog:2', '-m', 'the team blog'], { server });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toMatch(/^allowed acme\/blog:2: appliances of class custom-image may run it/);
    const gone = await runCli(['image', 'disallow', 'acme/blog:2'], { server });
    expect(gone.stdout).toMatch(/^disallowed acme\/blog:2/);
    expect(server.requests).toMatchObject([
      { method: 'POST', path: '/custom-images', body: { image: 'docker.io/acme/blog:2', note: 'the team blog' } },
      { method: 'DELETE', path: '/custom-images', query: { image: 'acme/blog:2' } },
    ]);
  });

  it('says what is wrong with the command line before calling anyone, and shows a refusal', async () => {
    server = await startFakeColo({ 'GET /custom-images': apiError(403, 'forbidden', 'only an admin may list custom images') });
    expect((await runCli(['image', 'allow'], { server })).stderr).toMatch(/allow needs the IMAGE/);
    expect((await runCli(['image', 'pull', 'x'], { server })).stderr).toMatch(/ACTION must be one of ls, allow, disallow/);
    expect(server.requests).toEqual([]);
    const refused = await runCli(['image', 'ls'], { server });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/only an admin may list custom images/);
  });
});
