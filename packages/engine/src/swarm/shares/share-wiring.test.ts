// The deployer's hook: from the shop VDC's desired state (web ×3 mounts the content NAS over an
// fs wire), one share of content's volume, and web's mounts with the NAS volume swapped for it.
import { describe, expect, it } from 'vitest';
import { appliance, nasClass, shopManifest, shopSecrets } from '../../../test/fixtures/test-classes';
import { desiredState } from '../../desired/desired-state';
import { shareWiring } from './share-wiring';

const vdc = { id: 'vdc_k3j9x2abcdef', name: 'shop', key: 'shop-k3j9x2' };

function shop(user: string | undefined) {
  const manifest = shopManifest();
  manifest.appliances = manifest.appliances.map((a) => (a.name === 'content' ? appliance('content', { ...nasClass, user }) : a));
  return desiredState({ vdc, revisionId: 'rev_1', secrets: shopSecrets, config: { instance: 'test' }, manifest });
}

describe('shareWiring', () => {
  it('names one share per served volume, owned by the NAS user, and swaps it into every client\'s mounts', () => {
    const state = shop('www-data');
    const { shares, clientMounts } = shareWiring(state);
    expect(shares).toEqual([
      {
        key: 'shop-k3j9x2-content-share',
        scope: { instance: 'test', vdcId: vdc.id },
        appliance: 'content',
        volume: 'share',
        volumeName: 'colo-shop-k3j9x2-content-share',
        owner: { user: 'www-data', uid: 33, gid: 33 },
      },
    ]);
    expect([...clientMounts.keys()]).toEqual(['web']);
    expect(clientMounts.get('web')).toEqual([
      expect.objectContaining({
        Type: 'volume',
        Source: 'colo-shop-k3j9x2-content-share-share',
        Target: '/srv/content',
        ReadOnly: true,
        VolumeOptions: expect.objectContaining({
          DriverConfig: { Name: 'local', Options: { type: 'none', o: 'bind', device: '/var/lib/colo-shares/shop-k3j9x2-content-share' } },
        }),
      }),
    ]);
    // The NAS keeps its own volume: it is the server, not a client.
    expect(clientMounts.has('content')).toBe(false);
  });

  it('refuses a share whose NAS runs as root or an unknown user', () => {
    expect(() => shareWiring(shop(undefined))).toThrow(/never root/);
    expect(() => shareWiring(shop('1000'))).toThrow(/runs as 1000/);
  });
});
