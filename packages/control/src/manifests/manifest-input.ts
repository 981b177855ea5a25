// Every manifest that enters control passes here: text or object in, the validator of
// @colo/manifest run with the catalog and the host ports other VDCs and Colo itself hold, then the
// checks only the server can make (the owner's quota, ports bound on the host), a ColoError out.
import {
  type Issue,
  type Manifest,
  parseManifestText,
  resolveManifest,
  type ResolvedManifest,
  validateManifest,
} from '@colo/manifest';
import { getCatalog } from '../catalog';
import { ColoError } from '../errors';
import { quotaIssues } from '../quotas/quota-check';
import { coloOwnPorts } from './colo-ports';
import { hostPortIssues } from './host-port-check';
import { takenPorts } from './taken-ports';

/** YAML or JSON text, or the object it parses to. */
export type ManifestSource = string | Record<string, unknown>;

export const MAX_MANIFEST_CHARS = 1_000_000;

export type ValidationMode = 'edit' | 'deploy';

export interface CheckedManifest {
  manifest: Manifest;
  warnings: Issue[];
}

export function invalidManifest(errors: Issue[]): ColoError {
  const first = errors[0];
  const where = first?.path ? `${first.path}: ` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new ColoError('invalid_manifest', `invalid manifest: ${where}${first?.message ?? 'unknown problem'}${more}`, {
    issues: errors,
  });
}

/** Text → object; an object is taken as is. Bad YAML is an `invalid_manifest` with its line. */
export function parseManifestSource(source: unknown): { value?: unknown; errors: Issue[] } {
  if (typeof source === 'string') {
    if (source.length > MAX_MANIFEST_CHARS) {
      return { errors: [{ path: '', message: `a manifest may have at most ${MAX_MANIFEST_CHARS} characters`, severity: 'error' }] };
    }
    return parseManifestText(source);
  }
  return { value: source, errors: [] };
}

function manifestName(value: unknown): string | undefined {
  const name = (value as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The full validation result, never throwing on bad input: what `POST /validate` answers.
 * `viewerId` is the owner, whose quota applies. `exceptVdcId` is the VDC the manifest is for:
 * its own ports do not clash with themselves, and its current revision is not counted twice.
 */
export async function validateSource(
  viewerId: string,
  source: unknown,
  opts: { mode?: ValidationMode; exceptVdcId?: string; findOwnVdc?: (name: string) => Promise<string | undefined> } = {},
) {
  const parsed = parseManifestSource(source);
  if (parsed.errors.length > 0) return { ok: false as const, errors: parsed.errors, warnings: [] as Issue[] };
  const catalog = await getCatalog();
  let except = opts.exceptVdcId;
  const name = manifestName(parsed.value);
  if (except === undefined && name && opts.findOwnVdc) except = await opts.findOwnVdc(name);
  const taken = await takenPorts(viewerId, except);
  for (const [port, holder] of coloOwnPorts()) taken.set(port, holder);
  const result = validateManifest(parsed.value, catalog, { mode: opts.mode ?? 'deploy', takenPorts: taken });
  const serverIssues = [
    ...(await quotaIssues(viewerId, parsed.value, catalog, except)),
    ...(await hostPortIssues(
      parsed.value,
      // Out of the validator's default range (1024–65535) is refused there already.
      (port) => taken.has(port) || port < 1024,
    )),
  ];
  if (serverIssues.length === 0) return result;
  return { ok: false as const, errors: [...result.errors, ...serverIssues], warnings: result.warnings };
}

/** Validates and returns the normalised manifest, or throws `invalid_manifest` with every issue. */
export async function checkManifest(
  viewerId: string,
  source: unknown,
  opts: { mode?: ValidationMode; exceptVdcId?: string; findOwnVdc?: (name: string) => Promise<string | undefined> } = {},
): Promise<CheckedManifest> {
  const result = await validateSource(viewerId, source, opts);
  if (!result.ok || !result.manifest) throw invalidManifest(result.errors);
  return { manifest: result.manifest, warnings: result.warnings };
}

export async function resolveChecked(manifest: Manifest): Promise<ResolvedManifest> {
  return resolveManifest(manifest, await getCatalog());
}
