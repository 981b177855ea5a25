// Every manifest that enters control passes here: text or object in, the validator of
// @colo/manifest run with the catalog and the host ports other VDCs and Colo itself hold, then the
// checks only the server can make (the owner's quota, ports bound on the host), a ColoError out.
import {
  type Catalog,
  checkManifestLimits,
  describeIssues,
  expandAssemblies,
  formatIssue,
  type Issue,
  type Manifest,
  manifestSchema,
  parseManifestText,
  resolveManifest,
  type ResolvedManifest,
  validateManifest,
} from '@colo/manifest';
import { catalogFor, catalogForStored } from '../assemblies/assembly-catalog';
import { customImageIssues } from '../custom-images/custom-image-issues';
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
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  // formatIssue: the one wording the editor and the CLI show too ("web · memory: at most 4Gi").
  return new ColoError('invalid_manifest', `invalid manifest: ${first ? formatIssue(first) : 'unknown problem'}${more}`, {
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
 * Who a manifest is judged for: the user whose assemblies it may place, and the team that owns
 * (or will own) the VDC, whose quota applies and whose VDCs' ports are named.
 */
export interface ManifestOwner {
  userId: string;
  teamId: string;
}

/** A stored VDC's owner as validation sees it: its creator's assemblies, its team's quota. */
export function ownerOfVdc(vdc: { ownerId: string; teamId: string }): ManifestOwner {
  return { userId: vdc.ownerId, teamId: vdc.teamId };
}

/**
 * The full validation result, never throwing on bad input: what `POST /validate` answers.
 * `owner` says whose quota applies. `exceptVdcId` is the VDC the manifest is for: its own ports
 * do not clash with themselves, and its current revision is not counted twice.
 */
export async function validateSource(
  owner: ManifestOwner,
  source: unknown,
  opts: { mode?: ValidationMode; exceptVdcId?: string; findOwnVdc?: (name: string) => Promise<string | undefined> } = {},
) {
  const parsed = parseManifestSource(source);
  if (parsed.errors.length > 0) return { ok: false as const, errors: parsed.errors, warnings: [] as Issue[] };
  const { catalog, issues: accessIssues } = await catalogFor(owner.userId, parsed.value);
  let except = opts.exceptVdcId;
  const name = manifestName(parsed.value);
  if (except === undefined && name && opts.findOwnVdc) except = await opts.findOwnVdc(name);
  const taken = await takenPorts(owner.teamId, except);
  for (const [port, holder] of coloOwnPorts()) taken.set(port, holder);
  const result = validateManifest(parsed.value, catalog, { mode: opts.mode ?? 'deploy', takenPorts: taken });
  // Quotas and host ports count what will run: the appliances inside assembly boxes.
  const expanded = result.ok ? expandChecked(result.manifest, catalog, opts.mode ?? 'deploy') : undefined;
  const built = expanded?.manifest ?? parsed.value;
  const builtIssues = [
    ...(await quotaIssues(owner.teamId, built, catalog, except)),
    // Custom images only when an admin allowed them; in assemblies too (`built` is expanded).
    ...(await customImageIssues(built)),
    ...(await hostPortIssues(
      built,
      // Out of the validator's default range (1024–65535) is refused there already.
      (port) => taken.has(port) || port < 1024,
    )),
  ];
  // The server's own findings get the validator's words (appliance, field) too.
  const serverIssues = describeIssues(
    [
      ...accessIssues,
      ...(expanded?.errors ?? []),
      ...(result.ok && expanded?.manifest ? atBoxes(builtIssues, result.manifest, expanded.manifest) : builtIssues),
    ],
    parsed.value,
    catalog,
  );
  if (serverIssues.length === 0) return result.ok ? { ...result, manifest: pinAssemblies(result.manifest, catalog) } : result;
  // "not shared with you" says more than the validator's "unknown class" for the same box.
  const explained = new Set(accessIssues.map((i) => i.path));
  const errors = result.errors.filter((e) => !(explained.has(e.path) && e.message.startsWith('unknown class')));
  return { ok: false as const, errors: [...errors, ...serverIssues], warnings: result.warnings };
}

/**
 * The manifest with its assemblies expanded, checked again as the plain manifest the engine will
 * get (a class an assembly uses may have left the catalog since it was saved).
 */
function expandChecked(manifest: Manifest, catalog: Catalog, mode: ValidationMode): { manifest?: Manifest; errors: Issue[] } {
  const expanded = expandAssemblies(manifest, catalog);
  if (!expanded.ok) return { errors: expanded.errors };
  if (expanded.manifest === manifest) return { manifest, errors: [] };
  const again = validateManifest(expanded.manifest, catalog, { mode });
  const errors = again.errors.map((e) => ({ ...e, path: '', message: `inside an assembly, once expanded: ${e.path ? `${e.path}: ` : ''}${e.message}` }));
  return { manifest: expanded.manifest, errors };
}

/**
 * Issues found on the expanded manifest, pointed back at the manifest the user wrote: an
 * appliance inside a box is named and the issue placed on the box.
 */
function atBoxes(issues: Issue[], written: Manifest, built: Manifest): Issue[] {
  if (written === built) return issues;
  const indexOf = new Map(written.appliances.map((a, i) => [a.name, i]));
  const boxes = written.appliances
    .map((a) => a.name)
    .filter((name) => !built.appliances.some((b) => b.name === name))
    .sort((a, b) => b.length - a.length);
  return issues.map((issue) => {
    const m = /^appliances\[(\d+)\](.*)$/.exec(issue.path);
    const name = m ? built.appliances[Number(m[1])]?.name : undefined;
    if (!m || name === undefined) return issue;
    const own = indexOf.get(name);
    if (own !== undefined) return { ...issue, path: `appliances[${own}]${m[2]}` };
    const box = boxes.find((b) => name.startsWith(`${b}-`));
    return box === undefined ? issue : { ...issue, path: `appliances[${indexOf.get(box)}]`, message: `"${name}" inside assembly "${box}": ${issue.message}` };
  });
}

/**
 * Assembly boxes pinned to the version they validated against (`shop` → `shop@3`): a new version
 * of an assembly changes no VDC until its user upgrades the box.
 */
function pinAssemblies(manifest: Manifest, catalog: Catalog): Manifest {
  if (!manifest.appliances.some((a) => !a.class.includes('@') && catalog.assembly?.(a.class))) return manifest;
  return {
    ...manifest,
    appliances: manifest.appliances.map((a) => {
      const def = a.class.includes('@') ? undefined : catalog.assembly?.(a.class);
      return def ? { ...a, class: `${def.id}@${def.version}` } : a;
    }),
  };
}

/** Validates and returns the normalised manifest, or throws `invalid_manifest` with every issue. */
export async function checkManifest(
  owner: ManifestOwner,
  source: unknown,
  opts: { mode?: ValidationMode; exceptVdcId?: string; findOwnVdc?: (name: string) => Promise<string | undefined> } = {},
): Promise<CheckedManifest> {
  const result = await validateSource(owner, source, opts);
  if (!result.ok || !result.manifest) throw invalidManifest(result.errors);
  return { manifest: result.manifest, warnings: result.warnings };
}

export interface DraftManifest extends CheckedManifest {
  /** Its errors: the draft is kept, a deploy of it is refused until they are fixed. */
  problems: Issue[];
}

/**
 * Like checkManifest, but a manifest with problems is kept as a draft when every reader of
 * revisions can still read it: within the size limits and of the schema's shape. Only a
 * manifest that is not even that is refused. Deploy, plan and the other operations check the
 * revision again (checkManifest, mode deploy), so a draft never reaches Docker.
 */
export async function checkDraft(
  owner: ManifestOwner,
  source: unknown,
  opts: { mode?: ValidationMode; exceptVdcId?: string } = {},
): Promise<DraftManifest> {
  const result = await validateSource(owner, source, opts);
  if (result.ok && result.manifest) return { manifest: result.manifest, warnings: result.warnings, problems: [] };
  const parsed = parseManifestSource(source);
  const readable = parsed.errors.length === 0 && checkManifestLimits(parsed.value).errors.length === 0;
  const shaped = readable ? manifestSchema.safeParse(parsed.value) : undefined;
  if (!shaped?.success) throw invalidManifest(result.errors);
  return { manifest: shaped.data, warnings: result.warnings, problems: result.errors };
}

/** What the engine builds from a checked manifest: assemblies expanded, classes resolved. */
export async function resolveChecked(manifest: Manifest): Promise<ResolvedManifest> {
  const catalog = await catalogForStored(manifest);
  const expanded = expandAssemblies(manifest, catalog);
  if (!expanded.ok) throw invalidManifest(expanded.errors);
  return resolveManifest(expanded.manifest, catalog);
}
