// importBundleArchiveVdc against a real database: a `.colo.tar` that is refused (data changed
// after export, a volume the manifest does not have, a path escaping its volume) is a bad_request
// listing the reasons, and no VDC is created; a dry run of a good one names its volumes and
// creates nothing either. (Filling volumes runs in the worker: tests/acceptance/bundle-data.test.ts.)
import { createHash } from 'node:crypto';
import { TAR_END, tarHeader, tarPadding, writeDataArchive } from '@colo/bundle';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { reloadCatalog } from '../catalog';
import { type ControlTest, failure, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { exportBundleVdc } from './export-bundle-vdc';
import { importBundleArchiveVdc } from './import-bundle-data';

let t: ControlTest;
let user: AuthUser;
let bundleText: string;
beforeAll(async () => {
  t = await setupControlTest('bundle-data');
  reloadCatalog();
  user = await t.user();
  await createVdc(user, { apiVersion: 'colo/v1', kind: 'VDC', name: 'db', appliances: [{ name: 'pg', class: 'postgres' }], connections: [] });
  bundleText = (await exportBundleVdc(user, { name: 'db' })).text;
});
afterAll(async () => {
  await t?.teardown();
});

function volumeTar(entries: { name: string; body?: string; flag?: string }[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    parts.push(tarHeader({ name: e.name, size: body.length, flag: e.flag ?? (e.name.endsWith('/') ? '5' : '0') }), body, tarPadding(body.length));
  }
  return Buffer.concat([...parts, TAR_END]);
}

async function archive(volumes: { appliance: string; volume: string; tar: Buffer }[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const measured = volumes.map((v) => ({ appliance: v.appliance, volume: v.volume, bytes: v.tar.length, sha256: createHash('sha256').update(v.tar).digest('hex') }));
  for await (const chunk of writeDataArchive({ bundleText, snapshot: { number: 1, takenAt: '2026-12-03T09:00:00Z' }, volumes: measured, volumeStream: (i) => [volumes[i].tar][Symbol.iterator]() as never })) parts.push(chunk);
  return Buffer.concat(parts);
}

const opener = (buffer: Buffer) => () => [buffer][Symbol.iterator]() as unknown as AsyncIterable<Uint8Array>;
const vdcCount = () => getPrisma().vdc.count({ where: { ownerId: user.id } });

describe('importBundleArchiveVdc', () => {
  const good = () => volumeTar([{ name: './' }, { name: './pgdata/' }, { name: './pgdata/PG_VERSION', body: '16\n' }]);

  it('dry-runs a good archive: the manifest under the new name and its volumes, nothing created', async () => {
    const result = await importBundleArchiveVdc(user, { open: opener(await archive([{ appliance: 'pg', volume: 'data', tar: good() }])), name: 'moved', dryRun: true });
    expect(result).toMatchObject({ dryRun: true, manifest: { name: 'moved' }, errors: [], volumes: [{ appliance: 'pg', volume: 'data' }] });
    expect(await vdcCount()).toBe(1);
  });

  it('refuses changed data, an unknown volume and an escaping path with every reason, creating nothing', async () => {
    const changed = await archive([{ appliance: 'pg', volume: 'data', tar: good() }]);
    changed[changed.indexOf(Buffer.from('16\n'))] = 0x39;
    const escaping = volumeTar([{ name: './' }, { name: './../../../etc/cron.d/x', body: 'evil' }]);
    for (const [buffer, reason] of [
      [changed, 'pg/data: its data was changed after export (its sha256 does not match data.json)'],
      [await archive([{ appliance: 'pg', volume: 'wal', tar: good() }]), "volume pg/wal is not an instance volume of the manifest's appliances"],
      [await archive([{ appliance: 'pg', volume: 'data', tar: escaping }]), 'pg/data: entry "./../../../etc/cron.d/x" has a path with ".." in it'],
    ] as const) {
      const err = await failure(importBundleArchiveVdc(user, { open: opener(buffer), name: 'moved' }));
      expect(err.code).toBe('bad_request');
      expect(err.message).toMatch(/the bundle was refused, nothing was created/);
      expect((err.issues ?? []).map((i) => i.message)).toContain(reason);
    }
    expect(await vdcCount()).toBe(1);
  });
});
