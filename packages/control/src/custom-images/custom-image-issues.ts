// The server-side check of `custom-image` appliances: each must name an image an admin allowed.
// It needs the database, so it runs with control's other server checks (quota, host ports), not
// in @colo/manifest's pure validator. One issue per appliance at fault, on its `image` property.
import type { Issue, ResolvedManifest } from '@colo/manifest';
import { allowedImageReferences } from './custom-image-list';
import { canonicalImageReference } from './image-reference';

/** The class id whose image comes from the appliance's `image` property. */
export const CUSTOM_IMAGE_CLASS = 'custom-image';

function isCustomImageClass(ref: unknown): boolean {
  return typeof ref === 'string' && (ref === CUSTOM_IMAGE_CLASS || ref.startsWith(`${CUSTOM_IMAGE_CLASS}@`));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * For a manifest value (parsed, not yet trusted): the issues of its custom-image appliances whose
 * image is not on the allow-list. A missing `image` is left to the validator (a required property).
 */
export async function customImageIssues(value: unknown, allowed?: ReadonlySet<string>): Promise<Issue[]> {
  if (!isObject(value) || !Array.isArray(value.appliances)) return [];
  const custom = value.appliances.flatMap((a, index) => (isObject(a) && isCustomImageClass(a.class) ? [{ a, index }] : []));
  if (custom.length === 0) return [];
  const list = allowed ?? (await allowedImageReferences());
  const issues: Issue[] = [];
  for (const { a, index } of custom) {
    const image = isObject(a.properties) ? a.properties.image : undefined;
    if (typeof image !== 'string') continue;
    const name = typeof a.name === 'string' ? a.name : `#${index + 1}`;
    const path = `appliances[${index}].properties.image`;
    const ref = canonicalImageReference(image);
    if (ref === undefined) {
      issues.push({ path, message: `appliance "${name}": "${image.slice(0, 100)}" is not an image reference`, severity: 'error' });
    } else if (!list.has(ref)) {
      issues.push({
        path,
        message: `appliance "${name}": image ${ref} is not allowed on this Colo; ask an admin to allow it (colo image allow ${ref}) after loading it into the engine`,
        severity: 'error',
      });
    }
  }
  return issues;
}

/**
 * The deploy's own check, on what the engine will run (assemblies expanded): a custom image taken
 * off the list since the revision was saved is refused before any container is made.
 */
export async function resolvedCustomImageIssues(resolved: ResolvedManifest): Promise<Issue[]> {
  return customImageIssues({ appliances: resolved.appliances.map((a) => ({ name: a.name, class: a.class.id, properties: a.properties })) });
}
