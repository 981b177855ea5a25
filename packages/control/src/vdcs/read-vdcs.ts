// Reading VDCs and their revisions, always through the caller's teams (find-vdc.ts).
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { findOwnedVdc, findReachableVdc, findRevision } from './find-vdc';
import {
  applianceCount,
  manifestDescription,
  operationSummary,
  type RevisionSummary,
  type RevisionView,
  revisionSummary,
  revisionView,
  type VdcListItem,
  type VdcView,
  vdcView,
} from './vdc-views';

export async function listVdcs(user: AuthUser): Promise<VdcListItem[]> {
  const rows = await getPrisma().vdc.findMany({
    where: { team: { members: { some: { userId: user.id } } } },
    orderBy: [{ name: 'asc' }, { team: { slug: 'asc' } }],
    include: {
      team: { select: { slug: true, name: true, personal: true, members: { where: { userId: user.id }, select: { role: true } } } },
      // latestRevision is always the highest number, so "newest one" is the latest.
      revisions: { orderBy: { number: 'desc' }, take: 1 },
      operations: { orderBy: { createdAt: 'desc' }, take: 1 },
    },
  });
  return rows.map((v) => ({
    id: v.id,
    name: v.name,
    state: v.state,
    revision: v.latestRevision,
    applianceCount: applianceCount(v.revisions[0]?.manifest),
    description: manifestDescription(v.revisions[0]?.manifest),
    updatedAt: v.updatedAt,
    lastOperation: v.operations[0] ? operationSummary(v.operations[0]) : null,
    team: { slug: v.team.slug, name: v.team.name, personal: v.team.personal, role: v.team.members[0]?.role ?? 'viewer' },
  }));
}

export async function getVdc(user: AuthUser, name: string, revision?: number): Promise<{ vdc: VdcView; revision: RevisionView }> {
  const { vdc, team, role } = await findReachableVdc(user, name);
  return { vdc: { ...vdcView(vdc), team: { ...team, role } }, revision: revisionView(await findRevision(vdc, revision)) };
}

export async function listRevisions(user: AuthUser, name: string): Promise<RevisionSummary[]> {
  const vdc = await findOwnedVdc(user, name);
  const rows = await getPrisma().revision.findMany({ where: { vdcId: vdc.id }, orderBy: { number: 'desc' } });
  return rows.map(revisionSummary);
}
