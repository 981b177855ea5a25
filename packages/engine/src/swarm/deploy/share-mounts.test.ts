import { describe, expect, it } from 'vitest';
import { shopManifest, shopSecrets } from '../../../test/fixtures/test-classes';
import { desiredState } from '../../desired/desired-state';
import { shareClientMount } from '../shares/client-mount';
import { desiredSwarm } from './desired-swarm';
import { withShareMounts } from './share-mounts';
import type { ActualSwarm } from './swarm-types';

const vdc = { id: 'vdc_k3j9x2abcdef', name: 'shop', key: 'shop-k3j9x2' };
const nodes = ['n1', 'n2', 'n3'].map((h, i) => ({ id: `node${i + 1}`, hostname: h, role: i === 0 ? 'manager' : 'worker', schedulable: true, state: 'ready', availability: 'active', addr: `10.0.0.${i + 1}` }) as const);
const empty: ActualSwarm = { services: [], networks: [], nodes: [...nodes], coloTasksPerNode: new Map(), managerNodeId: 'node1' };
const shop = () => desiredState({ vdc, revisionId: 'rev_1', secrets: shopSecrets, manifest: shopManifest(), config: { instance: 'test' } });
const scope = { instance: 'test', vdcId: vdc.id };

describe('withShareMounts: fs clients mount the share, not the NAS volume', () => {
  it("swaps web's content mount for the share's client volume, so web is no longer pinned beside the NAS", () => {
    const state = shop();
    const mount = shareClientMount(scope, 'shop-k3j9x2-content-share', '/srv/content', true);
    const swapped = withShareMounts(state, { shares: [], clientMounts: new Map([['web', [mount]]]) });
    for (const c of swapped.containers.filter((x) => x.appliance === 'web')) {
      expect(c.create.HostConfig?.Mounts?.find((m) => m.Target === '/srv/content')).toEqual(mount);
    }
    // Other appliances are the same objects.
    expect(swapped.containers.find((c) => c.appliance === 'db')).toBe(state.containers.find((c) => c.appliance === 'db'));
    const before = desiredSwarm(state, empty).services.find((s) => s.appliance === 'web');
    const after = desiredSwarm(swapped, empty).services.find((s) => s.appliance === 'web');
    expect(before?.placement.nodeId).toBeDefined();
    expect(after?.placement.nodeId).toBeUndefined();
    const m = after?.spec.TaskTemplate.ContainerSpec.Mounts.find((x) => x.Target === '/srv/content');
    expect(m).toMatchObject({ Type: 'volume', Source: 'colo-shop-k3j9x2-content-share-share', ReadOnly: true });
    expect(m?.VolumeOptions).toMatchObject({ NoCopy: true, DriverConfig: { Name: 'local', Options: { type: 'none', o: 'bind' } } });
  });

  it('gives a class volume a per-node volume named after the image the service runs, filled by Docker', () => {
    const state = shop();
    const withClass = {
      ...state,
      containers: state.containers.map((c) => (c.appliance === 'web' ? { ...c, classVolumes: [{ volume: 'www', mountPath: '/usr/share/colo/www' }] } : c)),
    };
    const spec = (image: string) => desiredSwarm(withClass, empty, { images: { 'colo-test/echo:2': image } }).services.find((s) => s.appliance === 'web');
    const a = spec('127.0.0.1:5000/colo-test/echo:2@sha256:aaaa');
    const b = spec('127.0.0.1:5000/colo-test/echo:2@sha256:bbbb');
    const mountOf = (s: typeof a) => s?.spec.TaskTemplate.ContainerSpec.Mounts.find((m) => m.Target === '/usr/share/colo/www');
    expect(mountOf(a)).toMatchObject({ Type: 'volume', ReadOnly: true, VolumeOptions: { Labels: { 'colo.role': 'class-volume', 'colo.volume': 'www' } } });
    expect(mountOf(a)?.VolumeOptions?.NoCopy).toBeUndefined();
    expect(mountOf(a)?.Source).toMatch(/^colo-cv-test-[0-9a-f]{12}-www$/);
    expect(mountOf(b)?.Source).not.toBe(mountOf(a)?.Source);
    expect(b?.specHash).not.toBe(a?.specHash);
  });
});
