// exportComposeVdc against a real database and the stock catalog: the export is of the deployed
// revision (what runs), else the latest; a revision asked for is that one; another user's VDC is
// not found.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { reloadCatalog } from '../catalog';
import { type ControlTest, failure, setupControlTest } from '../testing';
import { createVdc, updateVdc } from '../vdcs/save-vdc';
import { exportComposeVdc } from './export-compose-vdc';

let t: ControlTest;
let user: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('compose-export');
  reloadCatalog(); // the stock classes from templates/
  user = await t.user();
});
afterAll(async () => {
  await t?.teardown();
});

const manifest = (replicas: number) => ({
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'shop',
  appliances: [{ name: 'web', class: 'web-php', replicas }],
  connections: [],
});

describe('exportComposeVdc', () => {
  it('exports the deployed revision, else the latest, or the one asked for', async () => {
    const { vdc } = await createVdc(user, manifest(1));
    await updateVdc(user, 'shop', manifest(2), 1);
    const latest = await exportComposeVdc(user, { name: 'shop' });
    expect(latest.revision).toBe(2);
    expect(latest.text).toContain('replicas: 2');

    const first = await getPrisma().revision.findUniqueOrThrow({ where: { vdcId_number: { vdcId: vdc.id, number: 1 } } });
    await getPrisma().vdc.update({ where: { id: vdc.id }, data: { deployedRevisionId: first.id } });
    const deployed = await exportComposeVdc(user, { name: 'shop' });
    expect(deployed.revision).toBe(1);
    expect(deployed.text).not.toContain('replicas: 2');
    expect((await exportComposeVdc(user, { name: 'shop', revision: 2 })).revision).toBe(2);
  });

  it('does not find another user\'s VDC', async () => {
    const other = await t.user();
    expect((await failure(exportComposeVdc(other, { name: 'shop' }))).code).toBe('not_found');
  });
});
