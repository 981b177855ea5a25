import type { OverviewAnswer } from '@colo/api';
import { overviewFor } from '@colo/control';
import type { Metadata } from 'next';
import { OverviewView } from '../../../components/overview/overview-view';
import { requireUser } from '../../../lib/session';

export const metadata: Metadata = { title: 'Overview · Colo' };
export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  const user = await requireUser();
  // Through JSON, so the client starts from exactly what GET /api/v1/overview gives it.
  const initial = JSON.parse(JSON.stringify(await overviewFor(user))) as OverviewAnswer;
  return <OverviewView initial={initial} />;
}
