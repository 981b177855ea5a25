import { listClasses } from '@colo/control';
import type { Metadata } from 'next';
import { ClassList } from '../../../components/classes/class-list';
import type { ClassSummary } from '../../../components/classes/types';
import { requireUser } from '../../../lib/session';

export const metadata: Metadata = { title: 'Classes · Colo' };
export const dynamic = 'force-dynamic';

export default async function ClassesPage() {
  await requireUser();
  // Through JSON, so the page gets exactly what GET /api/v1/classes would give it.
  const classes = JSON.parse(JSON.stringify(await listClasses())) as ClassSummary[];
  return <ClassList classes={classes} />;
}
