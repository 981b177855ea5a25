// Bundle text into a plain value, with the guards of @colo/manifest's readGuardedYaml.
import { readGuardedYaml } from '@colo/manifest';

export const MAX_BUNDLE_BYTES = 1024 * 1024;
/** A bundle is a manifest one level down; the manifest validator bounds the rest. */
export const MAX_BUNDLE_DEPTH = 32;

export function readBundleText(text: string): { value?: unknown; errors: string[] } {
  return readGuardedYaml(text, { what: 'bundle', maxBytes: MAX_BUNDLE_BYTES, maxBytesText: '1 MiB', maxDepth: MAX_BUNDLE_DEPTH });
}
