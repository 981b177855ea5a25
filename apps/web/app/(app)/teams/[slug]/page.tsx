// One team of the caller. A team they are not in is not found, as the API answers it: the page
// says nothing about whether it exists.
import { getTeam, getTeamQuota, isColoError } from '@colo/control';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TeamPanel } from '../../../../components/teams/team-panel';
import type { TeamQuota } from '../../../../components/teams/team-quota';
import type { TeamFull } from '../../../../components/teams/team-types';
import { requireUser } from '../../../../lib/session';

type Params = { slug: string };

export const metadata: Metadata = { title: 'Team · Colo' };

export default async function TeamPage({ params }: { params: Promise<Params> }) {
  const { slug } = await params;
  // Reading: any member may (control asks for everything when the right is not said).
  const user = { ...(await requireUser()), right: 'read' as const };
  const team = await getTeam(user, slug).catch((err) => {
    if (isColoError(err, 'not_found') || isColoError(err, 'bad_request')) notFound();
    throw err;
  });
  // The members list matters more than the quota table under it.
  const quota = await getTeamQuota(user, slug).then(
    (q) => q.quota as TeamQuota,
    () => undefined,
  );
  return <TeamPanel initial={JSON.parse(JSON.stringify(team)) as TeamFull} quota={quota} me={user.id} />;
}
