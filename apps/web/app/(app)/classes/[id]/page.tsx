// One class: its versions, who uses each, rollback and delete, and the prototype to patch it in.
// The page loads the class through the REST API; only whether the viewer may change it is read here.
import { userRole } from '@colo/control';
import type { Metadata } from 'next';
import { ClassDetail } from '../../../../components/classes/class-detail';
import { requireUser } from '../../../../lib/session';

type Params = { id: string };

function classId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `${classId(id)} · Classes · Colo` };
}

export default async function ClassPage({ params }: { params: Promise<Params> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  return <ClassDetail id={classId(id)} admin={(await userRole(user.id)) === 'admin'} />;
}
