// Compose text into a plain value, with the guards of @colo/manifest's readGuardedYaml.
import { readGuardedYaml } from '@colo/manifest';

export const MAX_COMPOSE_BYTES = 256 * 1024;
/** Far deeper than any real compose file (services.x.deploy.resources.limits is 5). */
export const MAX_COMPOSE_DEPTH = 32;

export function readComposeText(text: string): { value?: unknown; errors: string[] } {
  return readGuardedYaml(text, { what: 'compose file', maxBytes: MAX_COMPOSE_BYTES, maxBytesText: '256 KiB', maxDepth: MAX_COMPOSE_DEPTH });
}
