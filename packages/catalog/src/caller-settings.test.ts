import { describe, expect, it } from 'vitest';
import { classBuildSettings } from './ensure-class-images';
import { DEFAULT_TEMPLATES_ROOT, templatesRoot } from './load-catalog';

// The package reads no environment: its callers hand theirs to these two.
describe('settings from the caller’s environment', () => {
  it('finds the templates in COLO_TEMPLATES_DIR, else the repository’s', () => {
    expect(templatesRoot({ COLO_TEMPLATES_DIR: '/srv/templates' })).toBe('/srv/templates');
    expect(templatesRoot({ COLO_TEMPLATES_DIR: '' })).toBe(DEFAULT_TEMPLATES_ROOT);
    expect(templatesRoot({})).toBe(DEFAULT_TEMPLATES_ROOT);
    expect(DEFAULT_TEMPLATES_ROOT).toMatch(/\/templates$/);
  });

  it('builds under COLO_IMAGE_NAMESPACE on COLO_BUILD_NETWORK, else colo on the default bridge', () => {
    expect(classBuildSettings({ COLO_IMAGE_NAMESPACE: 'acme/colo', COLO_BUILD_NETWORK: 'host' })).toEqual({ namespace: 'acme/colo', network: 'host' });
    expect(classBuildSettings({})).toEqual({ namespace: 'colo', network: undefined });
    expect(() => classBuildSettings({ COLO_IMAGE_NAMESPACE: 'Bad:1' })).toThrow(/COLO_IMAGE_NAMESPACE/);
  });
});
