// A machine joining the swarm gets Colo's bootstrap images from Colo itself: an admin makes a
// one-use link (POST /nodes/bootstrap, or inside the join answer), the new machine runs
// `curl -fsS <url> | docker load`. Against a real Colo (web + worker, real Docker and Redis): the
// tar real curl fetches holds exactly the relay and share images as `docker load` names them
// (its manifest.json), their very image ids, every layer whole (its sha256 the diff id its
// config names, as `docker load` checks); a second fetch, a wrong link and a link with a
// session token instead are refused with 404 in words; the uses are in the audit log. No swarm is needed: the link serves the
// images wherever Colo runs.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from './harness';
import { api, type Colo, startColo } from './setup';

let c: Colo;

beforeAll(async () => {
  c = await startColo();
}, 180_000);
afterAll(async () => {
  await c?.stop();
});

interface Link {
  url: string;
  expiresAt: string;
  images: string[];
  loadCommand: string;
}

/** Runs a line in bash as a person would paste it; resolves with stdout, rejects naming stderr. */
function shell(line: string, timeoutMs = 300_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', `set -o pipefail; ${line}`], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${line}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

async function newLink(): Promise<Link> {
  const { status, json } = await api<{ bootstrap: Link }>(c, 'POST', '/nodes/bootstrap');
  expect(status, JSON.stringify(json)).toBe(200);
  return json.bootstrap;
}

async function refusal(url: string): Promise<{ status: number; message: string }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${c.token}` } });
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('not_found');
  return { status: res.status, message: body.error.message };
}

describe("a new node's bootstrap images", () => {
  it("streams exactly Colo's relay and share images to curl, once", async () => {
    const link = await newLink();
    expect(link.images).toEqual(['colo/registry-relay:1', 'colo/share:1']);
    expect(link.url).toMatch(new RegExp(`^${c.url}/api/v1/nodes/bootstrap/cboot_[a-z0-9]{40}$`));
    expect(link.loadCommand).toBe(`curl -fsS ${link.url} | docker load`);

    // The command's curl, its output unpacked and checked as `docker load` checks it: each layer's
    // sha256 is the diff id its image's config names (not loaded: this host holds the images).
    const curl = link.loadCommand.replace(/ \| docker load$/, '');
    const dir = mkdtempSync(path.join(tmpdir(), 'colo-bootstrap-'));
    try {
      const started = Date.now();
      await shell(`${curl} | tar -xf - -C ${dir}`);
      console.log(`bootstrap images streamed through Colo in ${Date.now() - started} ms`);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { Config: string; RepoTags: string[]; Layers: string[] }[];
      expect(manifest.flatMap((m) => m.RepoTags).sort()).toEqual([...link.images].sort());
      for (const image of link.images) {
        const inspected = await docker.getImage(image).inspect();
        const entry = manifest.find((m) => m.RepoTags.includes(image));
        expect(entry?.Config, image).toContain(inspected.Id.replace(/^sha256:/, ''));
        const config = JSON.parse(readFileSync(path.join(dir, entry?.Config ?? ''), 'utf8')) as { rootfs: { diff_ids: string[] } };
        expect(config.rootfs.diff_ids, image).toEqual(inspected.RootFS.Layers);
        const layers = await Promise.all((entry?.Layers ?? []).map((layer) => fileSha256(path.join(dir, layer))));
        expect(layers, image).toEqual(config.rootfs.diff_ids);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Used up: the same line again fails before `docker load` gets anything, and says why.
    await expect(shell(`${curl} | wc -c`)).rejects.toThrow(/404/);
    const again = await refusal(link.url);
    expect(again.status).toBe(404);
    expect(again.message).toMatch(/^this node bootstrap link was used already .*each link serves once: get a new one with colo node add/);

    // Both uses are in the audit log: served, then refused, from this machine, never the secret.
    type Event = { actor: { via: string; address: string | null }; outcome: string; status: number; detail: { link: string } };
    const { json } = await api<{ events: Event[] }>(c, 'GET', '/audit?action=nodeBootstrapImages');
    const token = link.url.split('/').pop() as string;
    expect(JSON.stringify(json)).not.toContain(token);
    const [first, ...rest] = [...json.events].reverse();
    expect(first).toMatchObject({ actor: { via: 'system', address: expect.stringMatching(/127\.0\.0\.1$/) }, outcome: 'ok', status: 200 });
    expect(rest.map((e) => [e.outcome, e.status, e.detail.link])).toEqual([
      ['denied', 404, first?.detail.link],
      ['denied', 404, first?.detail.link],
    ]);
  }, 300_000);

  it('refuses a link that was never made, whatever token rides along, and leaves a real one usable', async () => {
    const link = await newLink();
    const wrong = link.url.replace(/.$/, (ch) => (ch === 'a' ? 'b' : 'a'));
    for (const url of [wrong, `${c.url}/api/v1/nodes/bootstrap/${c.token}`, `${c.url}/api/v1/nodes/bootstrap/x`]) {
      expect(await refusal(url), url).toEqual({ status: 404, message: expect.stringMatching(/^this node bootstrap link is not valid: get a new one with colo node add/) });
    }
    // Still unused: its first bytes come (a tar begins with the first entry's name).
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-tar');
    const reader = res.body?.getReader();
    const first = await reader?.read();
    expect(first?.value?.byteLength ?? 0).toBeGreaterThan(0);
    await reader?.cancel();
    expect((await refusal(link.url)).message).toContain('used already');
  }, 120_000);
});
