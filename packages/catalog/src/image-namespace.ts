// Where built class images are tagged: `<namespace>/<class>:<version>`, `colo` unless the
// COLO_IMAGE_NAMESPACE setting names another. Two checkouts with different templates (or a test
// run beside a user's Colo) can then build and run their classes on one engine without
// overwriting each other's images. Control reads the same setting for the engine. The caller hands
// in its environment: this package reads none.
import { DEFAULT_IMAGE_NAMESPACE } from '@colo/manifest';
import { CatalogError } from './catalog-error';

/** A Docker repository prefix: lowercase path components separated by `/`. */
export const IMAGE_NAMESPACE_PATTERN = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

export function imageNamespace(env: Record<string, string | undefined>): string {
  const value = env.COLO_IMAGE_NAMESPACE;
  if (value === undefined || value === '') return DEFAULT_IMAGE_NAMESPACE;
  if (!IMAGE_NAMESPACE_PATTERN.test(value)) {
    throw new CatalogError(
      'invalid_catalog',
      `COLO_IMAGE_NAMESPACE must be a Docker repository prefix like "colo" or "acme/colo", not "${value}"`,
    );
  }
  return value;
}
