import { describe, expect, it } from 'vitest';
import { canonicalImageReference } from './image-reference';

describe('canonicalImageReference', () => {
  it('makes one form of the ways one image is named', () => {
    expect(canonicalImageReference('wordpress')).toBe('wordpress:latest');
    expect(canonicalImageReference(' wordpress:6.4-apache ')).toBe('wordpress:6.4-apache');
    expect(canonicalImageReference('docker.io/library/wordpress:6.4-apache')).toBe('wordpress:6.4-apache');
    expect(canonicalImageReference('library/wordpress:6.4-apache')).toBe('wordpress:6.4-apache');
    expect(canonicalImageReference('acme/shop')).toBe('acme/shop:latest');
    expect(canonicalImageReference('registry.local:5000/team/app:2')).toBe('registry.local:5000/team/app:2');
    expect(canonicalImageReference('localhost/app')).toBe('localhost/app:latest');
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(canonicalImageReference(`app@${digest}`)).toBe(`app@${digest}`);
  });

  it('refuses what is not an image reference', () => {
    for (const bad of ['', ' ', 'Upper/Case', 'Upper/case', 'a b', 'app:', ':tag', 'app@sha256:short', '../etc', 'app;rm -rf /', `a:${'x'.repeat(300)}`]) {
      expect(canonicalImageReference(bad), bad).toBeUndefined();
    }
  });
});
