import { listTeams } from '@colo/control';
import type { Metadata } from 'next';
import type { TeamRow } from '../../../components/teams/team-types';
import { TeamsList } from '../../../components/teams/teams-list';
import { requireUser } from '../../../lib/session';

export const metadata: Metadata = { title: 'Teams · Colo' };

export default async function TeamsPage() {
  const user = await requireUser();
  // Through JSON, so the client receives exactly what GET /api/v1/teams would give it.
  const teams = JSON.parse(JSON.stringify(await listTeams(user))) as TeamRow[];
  return <TeamsList teams={teams} />;
}
