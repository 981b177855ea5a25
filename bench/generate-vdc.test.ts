import { loadCatalog } from '@colo/catalog';
import { validateManifest } from '@colo/manifest';
import { expect, it } from 'vitest';
import { generateVdc } from './generate-vdc';

it('makes a valid 300-appliance, 400-connection VDC', async () => {
  const vdc = generateVdc('big', 300, 400);
  expect(vdc.appliances).toHaveLength(300);
  expect(vdc.connections).toHaveLength(400);
  const { catalog } = await loadCatalog();
  const result = validateManifest(vdc, catalog);
  expect(result.errors).toEqual([]);
});
