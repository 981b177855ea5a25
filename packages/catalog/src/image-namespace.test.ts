import { classImage, classSchema } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { imageNamespace } from './image-namespace';

describe('imageNamespace', () => {
  it('is colo unless COLO_IMAGE_NAMESPACE names another', () => {
    expect(imageNamespace({})).toBe('colo');
    expect(imageNamespace({ COLO_IMAGE_NAMESPACE: '' })).toBe('colo');
    expect(imageNamespace({ COLO_IMAGE_NAMESPACE: 'colo-harden' })).toBe('colo-harden');
    expect(imageNamespace({ COLO_IMAGE_NAMESPACE: 'acme/colo' })).toBe('acme/colo');
  });

  it('refuses a value Docker could not tag, saying what it wants', () => {
    expect(() => imageNamespace({ COLO_IMAGE_NAMESPACE: 'Colo:1' })).toThrow(/COLO_IMAGE_NAMESPACE must be a Docker repository prefix.*"Colo:1"/);
  });

  it('prefixes built class images, never a prebuilt one', () => {
    const base = { id: 'demo', version: 3, title: 'Demo', resources: { cpu: { min: 1, max: 1, default: 1 }, memory: { min: 1, max: 1, default: 1 } } };
    expect(classImage(classSchema.parse(base), imageNamespace({ COLO_IMAGE_NAMESPACE: 'colo-x' }))).toBe('colo-x/demo:3');
    expect(classImage(classSchema.parse({ ...base, image: 'acme/demo:7' }), 'colo-x')).toBe('acme/demo:7');
  });
});
