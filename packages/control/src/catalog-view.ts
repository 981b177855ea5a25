// `GET /catalog` and `POST /validate`: the catalog and the validator, as any signed-in user sees them.
import type { AuthUser } from './auth/api-tokens';
import { catalogFor } from './assemblies/assembly-catalog';
import { listAssemblies } from './assemblies/assembly-views';
import { getLoadedCatalog } from './catalog';
import { validateSource } from './manifests/manifest-input';
import { sourceOwner } from './vdcs/source-owner';

export async function catalogView(user: AuthUser) {
  const [{ catalog, assemblies }, own, userAssemblies] = await Promise.all([getLoadedCatalog(), catalogFor(user.id), listAssemblies(user)]);
  const classes = catalog.list();
  return {
    classes,
    /** The version a class id without `@N` means (the head), per class. */
    heads: Object.fromEntries([...new Set(classes.map((c) => c.id))].map((id) => [id, catalog.get(id)!.version])),
    assemblies: assemblies.map((a) => ({ id: a.id, title: a.title, description: a.description, manifest: a.manifest })),
    /** Assemblies users saved that this user may place (newest version each, with who owns it). */
    userAssemblies,
    /** Every version of those (and of what they contain): `createCatalog(classes, heads, these)` validates like the server. */
    assemblyDefinitions: own.assemblies,
  };
}

/**
 * Full verdict (never throws on a bad manifest); ports held by the caller's own VDC of that name
 * do not count, and its team's quota applies (`team`: the team it is meant for, when new).
 */
export async function validateForUser(user: AuthUser, source: unknown, team?: string) {
  const { owner, vdcId } = await sourceOwner(user, source, team);
  return validateSource(owner, source, { mode: 'deploy', exceptVdcId: vdcId });
}
