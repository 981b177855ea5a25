// Moving a whole VDC, data and all, to another Colo: the LAMP assembly counts hits in PostgreSQL;
// `colo export shop --with-data` snapshots it and writes shop.colo.tar; a second Colo with an
// empty database of its own imports the file, deploys it, and its first request counts on from
// the exported rows. Its bundle carries the very same manifest. A changed archive is refused with
// the reason, and nothing is created.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT, colo, explainVdc, freePort, waitFor } from './harness';
import { api, type Colo, startColo } from './setup';

const tmp = mkdtempSync(path.join(tmpdir(), 'colo-move-'));
let source: Colo;
let target: Colo | undefined;
let port = 0;

async function bump(c: Colo, p: number): Promise<number> {
  let last = '';
  return waitFor(
    `a counted request on port ${p}`,
    async () => {
      const res = await fetch(`http://127.0.0.1:${p}/?format=json`, { headers: { accept: 'application/json', connection: 'close' } }).catch((e: Error) => {
        last = e.message;
        return undefined;
      });
      if (res && !res.ok) last = `${res.status}: ${(await res.text()).slice(0, 200)}`;
      return res?.ok ? ((await res.json()) as { hits: number }).hits : undefined;
    },
    180_000,
    500,
    async () => {
      const { json } = await api<{ vdcs: { id: string; name: string }[] }>(c, 'GET', '/vdcs');
      const states = await Promise.all(json.vdcs.map(async (v) => `${v.name}:\n${await explainVdc(v.id)}`));
      return `last answer: ${last}\n${states.join('\n')}\nworker:\n${c.worker.output().split('\n').slice(-30).join('\n')}`;
    },
  );
}

function run(c: Colo, args: string[]) {
  return colo(args, c.env).then((res) => {
    if (res.code !== 0) throw new Error(`colo ${args.join(' ')} exited ${res.code}\n${res.stdout}\n${res.stderr}\n${c.worker.output().slice(-4000)}\n${c.web.output().slice(-3000)}`);
    return res;
  });
}

beforeAll(async () => {
  port = await freePort();
  const lamp = parse(readFileSync(path.join(ROOT, 'templates/assemblies/lamp-cluster.yaml'), 'utf8'));
  lamp.name = 'shop';
  lamp.appliances.find((a: { name: string }) => a.name === 'lb').expose[0].port = port;
  writeFileSync(path.join(tmp, 'shop.yaml'), stringify(lamp));
  source = await startColo();
  await run(source, ['apply', '-f', path.join(tmp, 'shop.yaml'), '--wait']);
});
afterAll(async () => {
  await target?.stop();
  await source?.stop();
});

describe('a VDC with its data, moved to another Colo as one file', () => {
  let hits = 0;
  const archive = path.join(tmp, 'shop.colo.tar');

  it('exports the running VDC with a new snapshot of its data, showing the snapshot\'s progress', async () => {
    for (let i = 0; i < 4; i++) hits = await bump(source, port);
    expect(hits).toBeGreaterThanOrEqual(4);
    await run(source, ['export', 'shop', '-o', path.join(tmp, 'shop.colo.yaml')]);
    const res = await run(source, ['export', 'shop', '--with-data', '-o', archive]);
    expect(res.stdout).toMatch(/\[100%\] snapshot succeeded/);
    expect(res.stdout).toMatch(/wrote .*shop\.colo\.tar \(VDC shop, snapshot 1, 2 volumes, /);
    expect(res.stderr).toMatch(/\[100%\] downloaded/);
    expect(existsSync(archive)).toBe(true);
    // Never over an existing file.
    const again = await colo(['export', 'shop', '--with-data', '--snapshot', '1', '-o', archive], source.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists; it was left as it is/);
    // The source moves out: its published port is freed for the copy (its data stays, unpurged).
    await run(source, ['destroy', 'shop', '--yes', '--wait']);
  });

  it('refuses a changed archive on the other Colo with the reason, creating nothing', async () => {
    target = await startColo({ second: 'b' });
    const bytes = readFileSync(archive);
    // A byte of the database volume's data, well past the bundle and the data manifest.
    bytes[bytes.length - 4096] ^= 0xff;
    const changed = path.join(tmp, 'changed.colo.tar');
    writeFileSync(changed, bytes);
    const refused = await colo(['import', changed], target.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the bundle was refused, nothing was created: .*(sha256 does not match|cannot be read|damaged)/);
    const { json } = await api<{ vdcs: unknown[] }>(target, 'GET', '/vdcs');
    expect(json.vdcs).toEqual([]);
  });

  it('imports it into a second, empty Colo, which serves the same rows once deployed', async () => {
    const c = target as Colo;
    const res = await run(c, ['import', archive]);
    // Its volumes fill in an operation of the new VDC, followed with its steps like any other.
    expect(res.stdout).toMatch(/filling its volumes \(op_/);
    expect(res.stdout).toMatch(/\[100%\] data_import succeeded/);
    expect(res.stdout).toMatch(/created VDC shop \(revision 1\) with the data of 2 volumes \(.*db\/data.*\), not deployed/);
    const ops = await api<{ operations: { kind: string; status: string; steps: { title: string; status: string }[] }[] }>(c, 'GET', '/vdcs/shop/operations');
    const fill = ops.json.operations.find((o) => o.kind === 'data_import');
    expect(fill?.status).toBe('succeeded');
    expect(fill?.steps.map((s) => s.status)).toEqual(['done', 'done']);
    const started = await api<{ operation: { id: string } }>(c, 'POST', '/vdcs/shop/deploy', {});
    expect(started.status).toBe(202);
    await run(c, ['op', started.json.operation.id, '--wait']);
    // The snapshot held `hits` hits: the first request here is the next one.
    expect(await bump(c, port)).toBe(hits + 1);

    // The same manifest, as the first Colo exported it.
    await run(c, ['export', 'shop', '-o', path.join(tmp, 'moved.colo.yaml')]);
    const before = parse(readFileSync(path.join(tmp, 'shop.colo.yaml'), 'utf8'));
    const after = parse(readFileSync(path.join(tmp, 'moved.colo.yaml'), 'utf8'));
    expect(after.manifest).toEqual(before.manifest);
    expect(after.classes).toEqual(before.classes);
  });
});
