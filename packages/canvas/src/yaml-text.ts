// The YAML tab's two directions. Out: the canonical text of the manifest. In: text the user
// typed, taken onto the canvas only when it is a readable manifest of this VDC; anything else
// comes back as issues and the caller keeps the text.
import {
  type Catalog,
  type Issue,
  manifestSchema,
  parseManifestText,
  stringifyManifest,
  validateManifest,
} from '@colo/manifest';
import { docToManifest, type EditorDoc, manifestToDoc } from './editor-doc';

export function docToYaml(doc: EditorDoc): string {
  return stringifyManifest(docToManifest(doc));
}

function issue(path: string, message: string): Issue {
  return { path, message, severity: 'error' };
}

/**
 * Text → document. Refused: YAML syntax errors, a shape the schema rejects, two appliances with
 * one name (the canvas could not tell them apart) and a different VDC name (renaming a VDC is
 * done from the VDC list). Semantic problems (unknown class, bad wire…) are not refused: they
 * reach the canvas and the problems panel lists them, as for any drawing.
 */
export function yamlToDoc(
  text: string,
  vdcName: string,
  catalog: Catalog,
): { doc: EditorDoc; errors: [] } | { doc?: undefined; errors: Issue[] } {
  const parsed = parseManifestText(text);
  if (parsed.errors.length > 0) return { errors: parsed.errors };
  const shaped = manifestSchema.safeParse(parsed.value);
  // The validator words shape problems best (paths, "did you mean", why a key is refused).
  if (!shaped.success) return { errors: validateManifest(parsed.value, catalog, { mode: 'edit' }).errors };
  const manifest = shaped.data;
  if (manifest.name !== vdcName) {
    return { errors: [issue('name', `this VDC is "${vdcName}"; rename it from the VDC list, not in its manifest`)] };
  }
  const seen = new Set<string>();
  for (const [i, a] of manifest.appliances.entries()) {
    if (seen.has(a.name)) return { errors: [issue(`appliances[${i}].name`, `a second appliance named "${a.name}"`)] };
    seen.add(a.name);
  }
  return { doc: manifestToDoc(manifest), errors: [] };
}
