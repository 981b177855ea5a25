// Whom a manifest that is not (yet) tied to a VDC row is judged for: the VDC of its name in the
// caller's teams when there is exactly one (its team's quota, its own ports not clashing), else
// the team the caller names or their personal team.
import type { AuthUser } from '../auth/api-tokens';
import { type ManifestOwner, parseManifestSource } from '../manifests/manifest-input';
import { targetTeam } from '../teams/team-access';
import { findReachableVdc } from './find-vdc';

export interface SourceOwner {
  owner: ManifestOwner;
  /** The existing VDC the manifest is for, when there is one. */
  vdcId?: string;
}

function nameOf(source: unknown): string | undefined {
  const name = (parseManifestSource(source).value as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' && name.length > 0 && name.length <= 200 ? name : undefined;
}

export async function sourceOwner(user: AuthUser, source: unknown, teamSlug?: string): Promise<SourceOwner> {
  const name = nameOf(source);
  if (name) {
    const ref = teamSlug ? `${name}@${teamSlug}` : name;
    const found = await findReachableVdc({ ...user, right: 'read' }, ref).catch(() => undefined);
    if (found) return { owner: { userId: found.vdc.ownerId, teamId: found.vdc.teamId }, vdcId: found.vdc.id };
  }
  const team = await targetTeam({ ...user, right: 'read' }, teamSlug).catch(() => undefined);
  const fallback = team ?? (await targetTeam({ ...user, right: 'read' }));
  return { owner: { userId: user.id, teamId: fallback.teamId } };
}
