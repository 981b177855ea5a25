// The VDC as a unit, as a user runs it with the CLI: the LAMP assembly counts hits in PostgreSQL
// (one row, bumped by every request through the load balancer). Snapshot it, clone the snapshot
// and the live VDC: each clone starts from its source's rows and then goes its own way; restore
// puts the original's rows back, after a safety snapshot.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT, colo, docker, execIn, explainVdc, freePort, instance, steadyLoad, vdcContainers, waitFor } from './harness';
import { api, type Colo, startColo } from './setup';

interface Hit {
  host: string;
  hits: number;
}
interface SnapshotRow {
  number: number;
  status: string;
  note: string | null;
  sizeBytes: number;
  method: string;
  pauseMs: number;
  volumes: { appliance: string; volume: string; bytes: number }[];
}

const tmp = mkdtempSync(path.join(tmpdir(), 'colo-snap-'));
let c: Colo;
let port = 0;
const site = (p: number) => `http://127.0.0.1:${p}/?format=json`;
/**
 * The hit counter after one more request. A site whose replicas were just paused (a live copy's
 * last pass) may answer 503 for a moment, until its balancer's health checks pass again: that
 * answer comes from the balancer, so nothing was counted, and the request is simply sent again.
 */
async function bump(p: number): Promise<number> {
  let last = '';
  return waitFor(
    `a counted request on port ${p}`,
    async () => {
      const res = await fetch(site(p), { headers: { accept: 'application/json', connection: 'close' } }).catch((e: Error) => {
        last = e.message;
        return undefined;
      });
      if (res && !res.ok) last = `${res.status}: ${(await res.text()).slice(0, 200)}`;
      return res?.ok ? ((await res.json()) as Hit).hits : undefined;
    },
    120_000,
    500,
    async () => `last answer: ${last}\n${await explainAll()}\nworker:\n${c.worker.output().split('\n').slice(-40).join('\n')}`,
  );
}

/** Every VDC of this test: its containers' state and, for the unwell, their checks and logs. */
async function explainAll(): Promise<string> {
  const { json } = await api<{ vdcs: { id: string; name: string }[] }>(c, 'GET', '/vdcs');
  const parts = await Promise.all(json.vdcs.map(async (v) => `${v.name}:\n${await explainVdc(v.id)}`));
  return parts.join('\n');
}

function run(args: string[]) {
  return colo(args, c.env).then((res) => {
    if (res.code !== 0) throw new Error(`colo ${args.join(' ')} exited ${res.code}\n${res.stdout}\n${res.stderr}\n${c.worker.output()}`);
    return res;
  });
}

beforeAll(async () => {
  port = await freePort();
  const lamp = parse(readFileSync(path.join(ROOT, 'templates/assemblies/lamp-cluster.yaml'), 'utf8'));
  lamp.name = 'shop';
  lamp.appliances.find((a: { name: string }) => a.name === 'lb').expose[0].port = port;
  writeFileSync(path.join(tmp, 'shop.yaml'), stringify(lamp));
  c = await startColo();
  await run(['apply', '-f', path.join(tmp, 'shop.yaml'), '--wait']);
});
afterAll(async () => {
  await c?.stop();
});

describe('snapshots, clones and restore of the LAMP assembly', () => {
  let before = 0;

  it('snapshots the running VDC with its rows, pausing its writers only briefly', async () => {
    for (let i = 0; i < 5; i++) before = await bump(port);
    expect(before).toBeGreaterThanOrEqual(5);
    const res = await run(['snapshot', 'shop', '-m', 'five hits', '--wait']);
    expect(res.stdout).toMatch(/snapshot 1 of shop: 2 volumes, .* by (copy|reflink); writers paused \d+ ms/);

    const list = await run(['snapshots', 'shop', '--json']);
    const [snap] = JSON.parse(list.stdout).snapshots as SnapshotRow[];
    expect(snap).toMatchObject({ number: 1, status: 'ready', note: 'five hits' });
    expect(snap.volumes.map((v) => v.appliance).sort()).toEqual(['content', 'db']);
    expect(snap.sizeBytes).toBeGreaterThan(1_000_000); // a PostgreSQL cluster at least
    expect(snap.pauseMs).toBeLessThan(10_000);
    // The source runs on and counts on.
    expect(await bump(port)).toBe(before + 1);
  });

  it('clones the snapshot into a new VDC that has the snapshot\'s rows and then its own', async () => {
    const res = await run(['clone', 'shop', 'shop-copy', '--from', '1', '--wait', '--json']);
    const docs = res.stdout.trim().split(/\n(?=\{)/).map((d) => JSON.parse(d));
    const ports = docs[0].operation.result.ports as Record<string, number>;
    const clonePort = ports[String(port)];
    expect(clonePort).toBeGreaterThan(port);
    expect(docs.at(-1).operation).toMatchObject({ kind: 'deploy', status: 'succeeded' });

    // The snapshot held `before` hits: the clone's first request is the next one.
    expect(await bump(clonePort)).toBe(before + 1);
    expect(await bump(clonePort)).toBe(before + 2);
    // And the original never saw those.
    const original = await bump(port);
    expect(original).toBe(before + 2);
    // Its data lives in volumes of its own.
    const status = JSON.parse((await run(['status', 'shop-copy', '--json'])).stdout);
    const volumes = (await docker.listVolumes({ filters: { label: [`colo.instance=${instance}`, `colo.vdc=${status.vdc.id}`] } })).Volumes ?? [];
    expect(volumes.map((v) => v.Labels['colo.appliance']).sort()).toEqual(['content', 'db']);
    // Done with it: stopped (its record and data stay, for the tests after), so the machine runs
    // no more VDCs than the test needs at once.
    await run(['destroy', 'shop-copy', '--yes', '--wait']);
  });

  it('clones the live VDC, its writers paused for the last pass, and both go on apart', async () => {
    const now = await bump(port);
    const res = await run(['clone', 'shop', 'shop-live', '--wait']);
    const clonePort = Number(/publishes \d+ → (\d+)/.exec(res.stdout)?.[1]);
    expect(clonePort).toBeGreaterThan(port);
    expect(await bump(clonePort)).toBe(now + 1);
    expect(await bump(port)).toBe(now + 1);
  });

  it('switches an entry from the original to its clone and back under steady load, and no request fails', async () => {
    // Each VDC's share says which VDC it is: the responses show who answered.
    for (const vdc of ['shop', 'shop-live']) {
      const { vdc: row } = JSON.parse((await run(['status', vdc, '--json'])).stdout) as { vdc: { id: string } };
      const [nas] = await vdcContainers(row.id, 'content');
      const wrote = await execIn(nas.Id, ['sh', '-c', `printf ${vdc} > /srv/share/www/vdc.txt`]);
      expect(wrote.code, wrote.output).toBe(0);
    }
    const entryPort = await freePort();
    try {
      const created = await run(['entry', 'create', 'www', '--port', String(entryPort), '--vdc', 'shop', '--wait']);
      expect(created.stdout).toMatch(new RegExp(`entry www: 127\\.0\\.0\\.1:${entryPort} → shop lb\\.in \\(ready\\)`));

      const load = steadyLoad(`http://127.0.0.1:${entryPort}/vdc.txt`, 25);
      try {
        await load.until('shop answering', () => load.last() === 'shop', 60_000, explainAll);
        const switched = await run(['entry', 'switch', 'www', 'shop-live', '--wait']);
        expect(switched.stdout).toMatch(/entry www: .* → shop-live lb\.in \(ready; before: shop\)/);
        await load.until('the clone answering', () => load.last() === 'shop-live', 60_000, explainAll);
        await load.for(2000);
        await run(['entry', 'switch', 'www', 'shop', '--wait']);
        await load.until('the original answering again', () => load.last() === 'shop', 60_000, explainAll);
        await load.for(2000);
      } finally {
        load.stop();
        await load.drained();
      }
      const { sent, failed, answers, seconds } = load.report();
      expect(failed.slice(0, 5), `${failed.length} failed requests`).toEqual([]);
      expect(sent / seconds, `${sent} requests in ${seconds.toFixed(1)} s`).toBeGreaterThanOrEqual(20);
      // Who answered, in the order the requests went out: the original, the clone, the original.
      // (For a moment around a switch both may answer: the old worker finishes what it accepted.)
      expect(answers[0], answers.join(' → ')).toBe('shop');
      expect(answers, answers.join(' → ')).toContain('shop-live');
      expect(answers.at(-1), answers.join(' → ')).toBe('shop');

      // An entry holds its VDC: no destroy while it points there.
      const refused = await colo(['destroy', 'shop', '--yes'], c.env);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/entry "www" points at it/);
      const list = JSON.parse((await run(['entry', 'ls', '--json'])).stdout).entries as { name: string; vdc: string; previousVdc: string }[];
      expect(list).toMatchObject([{ name: 'www', vdc: 'shop', previousVdc: 'shop-live' }]);
    } finally {
      // Removing it frees the port (and lets the tests after this one destroy and delete).
      await colo(['entry', 'rm', 'www', '--yes', '--wait'], c.env);
    }
    await waitFor('the entry port to close', async () => !(await fetch(`http://127.0.0.1:${entryPort}/vdc.txt`).then(() => true, () => false)));
    // Nothing needs the clone's containers after this.
    await run(['destroy', 'shop-live', '--yes', '--wait']);
  });

  it('refuses a clone under a name in use and a snapshot that does not exist, and changes nothing', async () => {
    const taken = await colo(['clone', 'shop', 'shop-copy'], c.env);
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toMatch(/a VDC named "shop-copy" exists/);
    const missing = await colo(['clone', 'shop', 'other', '--from', '42'], c.env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no snapshot 42/);
    const { json } = await api<{ vdcs: { name: string }[] }>(c, 'GET', '/vdcs');
    expect(json.vdcs.map((v) => v.name).sort()).toEqual(['shop', 'shop-copy', 'shop-live']);
  });

  it('restores the original to the snapshot: its rows come back, and a safety snapshot keeps what it had', async () => {
    const lost = await bump(port);
    expect(lost).toBeGreaterThan(before + 1);
    const res = await run(['restore', 'shop', '1', '--yes', '--wait']);
    expect(res.stdout).toMatch(/restore succeeded/);
    await waitFor('the restored site', async () => (await fetch(site(port)).catch(() => undefined))?.ok);
    // The first request after the restore may be counted already by the wait above.
    const after = await bump(port);
    expect(after).toBeGreaterThan(before);
    expect(after).toBeLessThanOrEqual(before + 2);

    // The newest snapshot is the safety snapshot (its number may skip one an attempt gave back).
    const list = JSON.parse((await run(['snapshots', 'shop', '--json'])).stdout).snapshots as SnapshotRow[];
    expect(list.length).toBe(2);
    expect(list[1].number).toBe(1);
    expect(list[0].note).toBe('before restoring snapshot 1');
    // Restoring the safety snapshot undoes the restore.
    await run(['restore', 'shop', String(list[0].number), '--yes', '--wait']);
    await waitFor('the site again', async () => (await fetch(site(port)).catch(() => undefined))?.ok);
    expect(await bump(port)).toBeGreaterThan(lost);
  });

  it('deletes a snapshot with its volumes; a VDC with snapshots is not forgotten until they go', async () => {
    const res = await run(['snapshots', 'shop', '--delete', '1', '--yes', '--wait']);
    expect(res.code).toBe(0);
    const list = JSON.parse((await run(['snapshots', 'shop', '--json'])).stdout).snapshots as SnapshotRow[];
    expect(list.map((s) => s.number)).not.toContain(1);
    const left = (await docker.listVolumes({ filters: { label: [`colo.instance=${instance}`, 'colo.snapshot'] } })).Volumes ?? [];
    // Snapshot 1 had two volumes; the safety snapshots of the two restores hold theirs.
    expect(left.length).toBe(list.length * 2);

    await run(['destroy', 'shop-copy', '--purge', '--yes', '--wait']);
    const del = await api<{ error: { message: string } }>(c, 'DELETE', '/vdcs/shop');
    expect(del.status).toBe(409);
    expect(del.json.error.message).toMatch(new RegExp(`has ${list.length} snapshots?: delete`));
  });
});
