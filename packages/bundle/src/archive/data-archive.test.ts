// The `.colo.tar` data archive: written and checked back, and the archives an importer must
// refuse — a path escaping the volume, a link leading out, a device, an entry over the size
// limit, data changed after export, a volume the manifest does not have — each with its reason.
import { createHash } from 'node:crypto';
import { type Catalog, type Manifest, validateManifest } from '@colo/manifest';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../export-bundle';
import { stockCatalog } from '../test-catalog';
import { checkDataArchive, type DataArchiveLimits } from './check-data-archive';
import { TAR_END, type TarHeaderSpec, tarHeader, tarPadding } from './tar-stream';
import { volumeTars } from './volume-tars';
import { type MeasuredVolume, writeDataArchive } from './write-data-archive';

let catalog: Catalog;
let bundleText: string;
let manifest: Manifest;
beforeAll(async () => {
  catalog = await stockCatalog();
  const verdict = validateManifest({ apiVersion: 'colo/v1', kind: 'VDC', name: 'shop', appliances: [{ name: 'db', class: 'postgres' }], connections: [] }, catalog);
  if (!verdict.ok) throw new Error(verdict.errors.map((e) => e.message).join('; '));
  manifest = verdict.manifest;
  bundleText = exportBundle(manifest, { catalog, isStock: () => true, revision: 2 }).text;
});

/** A volume's tar: entries as given, each file's body its name repeated to `size`. */
function volumeTar(entries: (TarHeaderSpec & { body?: Buffer })[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = e.body ?? Buffer.alloc(e.size ?? 0, 'x');
    parts.push(tarHeader({ ...e, size: body.length }), body, tarPadding(body.length));
  }
  parts.push(TAR_END);
  return Buffer.concat(parts);
}

const goodVolume = () =>
  volumeTar([
    { name: './', flag: '5', mode: 0o700, uid: 999, gid: 999, body: Buffer.alloc(0) },
    { name: './pgdata/', flag: '5', body: Buffer.alloc(0) },
    { name: './pgdata/PG_VERSION', body: Buffer.from('16\n') },
    { name: './pgdata/latest', flag: '2', linkname: 'PG_VERSION', body: Buffer.alloc(0) },
  ]);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function archive(volumes: { appliance?: string; volume?: string; tar: Buffer; declared?: Partial<MeasuredVolume> }[], text = bundleText): Promise<Buffer> {
  const measured = volumes.map((v) => ({ appliance: v.appliance ?? 'db', volume: v.volume ?? 'data', bytes: v.tar.length, sha256: sha(v.tar), ...v.declared }));
  const parts: Buffer[] = [];
  const written = writeDataArchive({
    bundleText: text,
    snapshot: { number: 1, takenAt: '2026-12-03T09:00:00.000Z' },
    volumes: measured,
    // biome-ignore lint/suspicious/useAwait: an async iterable of one chunk
    volumeStream: async function* (i) {
      yield volumes[i].tar;
    },
  });
  try {
    for await (const chunk of written) parts.push(chunk);
  } catch {
    /* a declared size or sum that does not match: the writer stops, and the test checks what it has */
  }
  return Buffer.concat(parts);
}

async function* chunks(buffer: Buffer, size = 1000): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
}

async function reasons(buffer: Buffer, limits?: Partial<DataArchiveLimits>): Promise<string> {
  const result = await checkDataArchive(chunks(buffer), { catalog, limits });
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reasons.join('\n');
}

describe('data archives', () => {
  it('checks a written archive back: the manifest, each volume with its root owner and mode', async () => {
    const tar = goodVolume();
    const result = await checkDataArchive(chunks(await archive([{ tar }])), { catalog, name: 'moved' });
    if (!result.ok) throw new Error(result.reasons.join('; '));
    expect(result.manifest).toEqual({ ...manifest, name: 'moved' });
    expect(result.volumes).toEqual([{ appliance: 'db', volume: 'data', file: 'volumes/db/data.tar', bytes: tar.length, sha256: sha(tar), root: { uid: 999, gid: 999, mode: 0o700 } }]);
    const streamed: Buffer[] = [];
    for await (const e of volumeTars(chunks(await archive([{ tar }])), new Set(['volumes/db/data.tar']))) if (e.kind === 'data') streamed.push(Buffer.from(e.chunk));
    expect(Buffer.concat(streamed).equals(tar)).toBe(true);
  });

  it('refuses entries with .. or an absolute path, links leading out, devices and FIFOs', async () => {
    const tar = volumeTar([
      { name: './', flag: '5', body: Buffer.alloc(0) },
      { name: './../../etc/cron.d/evil', body: Buffer.from('x') },
      { name: '/etc/passwd', body: Buffer.from('x') },
      { name: './out', flag: '2', linkname: '../../../../etc', body: Buffer.alloc(0) },
      { name: './abs', flag: '2', linkname: '/var/run/docker.sock', body: Buffer.alloc(0) },
      { name: './hard', flag: '1', linkname: '../secret', body: Buffer.alloc(0) },
      { name: './sda', flag: '4', body: Buffer.alloc(0) },
      { name: './pipe', flag: '6', body: Buffer.alloc(0) },
    ]);
    const text = await reasons(await archive([{ tar }]));
    expect(text).toContain('db/data: entry "./../../etc/cron.d/evil" has a path with ".." in it');
    expect(text).toContain('db/data: entry "/etc/passwd" has an absolute path');
    expect(text).toContain('db/data: entry "./out" is a link that leads out of the volume ("../../../../etc")');
    expect(text).toContain('db/data: entry "./abs" is a link to an absolute path ("/var/run/docker.sock")');
    expect(text).toContain('db/data: entry "./hard" is a hard link to a path outside the volume');
    expect(text).toContain('db/data: entry "./sda" is a device file');
    expect(text).toContain('db/data: entry "./pipe" is a FIFO');
  });

  it('refuses an archive over the size limit, and an entry larger than the data manifest says', async () => {
    const big = volumeTar([{ name: './blob', body: Buffer.alloc(200_000, 1) }]);
    expect(await reasons(await archive([{ tar: big }]), { maxBytes: 64 * 1024 })).toMatch(/the volumes add up to .*, over the 64 KiB|the archive is over/);
    const huge = await archive([{ tar: goodVolume(), declared: { bytes: 5 * 1024 ** 3 } }]);
    expect(await reasons(huge)).toContain('the volumes add up to 5 GiB, over the 4 GiB this Colo imports');
    const lying = await archive([{ tar: goodVolume(), declared: { bytes: 512 } }]);
    expect(await reasons(lying)).toMatch(/volumes\/db\/data\.tar is .* not the 512 bytes data\.json says|truncated/);
  });

  it('refuses data changed after export by its sha256', async () => {
    const tar = goodVolume();
    const buffer = await archive([{ tar }]);
    const at = buffer.indexOf(Buffer.from('16\n'));
    buffer[at] = '9'.charCodeAt(0);
    expect(await reasons(buffer)).toContain('db/data: its data was changed after export (its sha256 does not match data.json)');
  });

  it('refuses a volume the manifest does not have, and a bundle changed after export', async () => {
    expect(await reasons(await archive([{ volume: 'wal', tar: goodVolume() }]))).toContain("volume db/wal is not an instance volume of the manifest's appliances");
    expect(await reasons(await archive([{ appliance: 'web', tar: goodVolume() }]))).toContain("volume web/data is not an instance volume of the manifest's appliances");
    const edited = bundleText.replace('name: shop', 'name: shop2');
    expect(await reasons(await archive([{ tar: goodVolume() }], edited))).toMatch(/changed after export/);
  });

  it('refuses what is not a data archive: text, a truncated archive, an unexpected file', async () => {
    expect(await reasons(Buffer.from('hello, this is not a tar file at all'.repeat(40)))).toMatch(/cannot be read/);
    const whole = await archive([{ tar: goodVolume() }]);
    expect(await reasons(whole.subarray(0, whole.length - 2048))).toMatch(/truncated|missing from the archive/);
    const stray = Buffer.concat([tarHeader({ name: 'run.sh', size: 2 }), Buffer.from('hi'), tarPadding(2), TAR_END]);
    expect(await reasons(stray)).toMatch(/bundle\.colo\.yaml and data\.json must come first/);
  });
});
