import { listEntries, listVdcs } from '@colo/control';
import type { Metadata } from 'next';
import { EntriesView } from '../../../components/entries/entries-view';
import type { EntryBody, VdcChoice } from '../../../components/entries/types';
import { requireUser } from '../../../lib/session';

export const metadata: Metadata = { title: 'Entries · Colo' };

export default async function EntriesPage() {
  const user = await requireUser();
  const [entries, vdcs] = await Promise.all([listEntries(user), listVdcs(user)]);
  // Through JSON, so the client receives exactly what GET /api/v1/entries would give it.
  const rows = JSON.parse(JSON.stringify(entries)) as EntryBody[];
  return <EntriesView initialEntries={rows} initialVdcs={vdcs.map(({ name, state }): VdcChoice => ({ name, state }))} />;
}
