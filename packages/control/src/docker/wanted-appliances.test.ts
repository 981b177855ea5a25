import { createCatalog, resolveManifest, validateManifest } from '@colo/manifest';
import { describe, expect, it, vi } from 'vitest';
import { manifestOf, sleeperClass } from '../testing';
import { wantedAppliancesCache } from './wanted-appliances';

function counted(max?: number) {
  const validate = vi.fn(validateManifest);
  const resolve = vi.fn(resolveManifest);
  return { validate, resolve, wanted: wantedAppliancesCache({ validate, resolve, max }) };
}

const revision = { id: 'rev_one', manifest: manifestOf('shop', [{ name: 'box', class: 'sleeper', replicas: 2 }]) };

describe('wantedAppliances', () => {
  it('works a revision out once: a second call for it neither validates nor resolves again', () => {
    const catalog = createCatalog([sleeperClass]);
    const { validate, resolve, wanted } = counted();
    const first = wanted(revision, catalog);
    const second = wanted(revision, catalog);
    expect([...first]).toEqual([['box', { class: 'sleeper', replicas: 2, standby: false }]]);
    expect(second).toEqual(first);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  it('works it out again for another catalog, and for a revision pushed out of the cache', () => {
    const { validate, wanted } = counted(1);
    const catalog = createCatalog([sleeperClass]);
    wanted(revision, catalog);
    // The class is gone from the new catalog: the answer falls back to what the manifest says.
    expect([...wanted(revision, createCatalog([]))]).toEqual([['box', { class: 'sleeper', replicas: 2, standby: false }]]);
    expect(validate).toHaveBeenCalledTimes(2);
    wanted({ id: 'rev_two', manifest: manifestOf('shop') }, catalog);
    wanted(revision, catalog);
    expect(validate).toHaveBeenCalledTimes(4);
  });
});
