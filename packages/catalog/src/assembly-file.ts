// One assembly file (`templates/assemblies/<id>.yaml`): a VDC manifest offered in the catalog as a
// ready-made architecture. It must validate against the catalog it ships with.
import { type Catalog, validateManifestText } from '@colo/manifest';
import type { CatalogProblem } from './catalog-error';

export interface AssemblyInfo {
  /** The file name without `.yaml`. */
  id: string;
  /** The first line of the file's leading comment, else the manifest name. */
  title: string;
  /** The manifest's `description`. */
  description: string;
  /** The manifest text as written, comments included: what the editor opens. */
  manifest: string;
  /** Absolute path of the file. */
  file: string;
}

const ID = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;

export type ParsedAssembly = { ok: true; assembly: AssemblyInfo } | { ok: false; problems: CatalogProblem[] };

export function parseAssemblyFile(
  text: string,
  where: { id: string; file: string; shownAs: string },
  catalog: Catalog,
): ParsedAssembly {
  const file = where.shownAs;
  if (!ID.test(where.id)) {
    return { ok: false, problems: [{ file, path: '', message: 'the file name must be a DNS label, e.g. lamp-cluster.yaml' }] };
  }
  // 'edit' mode: an assembly may leave an output for the user to wire; everything else must hold.
  const result = validateManifestText(text, catalog, { mode: 'edit' });
  if (!result.ok) {
    return { ok: false, problems: result.errors.map((issue) => ({ file, path: issue.path, message: issue.message })) };
  }
  const manifest = result.manifest;
  return {
    ok: true,
    assembly: {
      id: where.id,
      title: leadingCommentTitle(text) ?? manifest.name,
      description: manifest.description?.trim() ?? '',
      manifest: text,
      file: where.file,
    },
  };
}

function leadingCommentTitle(text: string): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('#')) return undefined;
    const title = line.replace(/^#+\s*/, '');
    if (title !== '') return title.length <= 80 ? title : undefined;
  }
  return undefined;
}
