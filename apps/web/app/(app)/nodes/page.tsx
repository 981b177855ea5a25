// Nodes of Colo's swarm (or this single host): Colo admins only; anyone else finds no page here.
import { isColoError, listNodes } from '@colo/control';
import type { NodeListAnswer } from '@colo/api';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NodesView } from '../../../components/nodes/nodes-view';
import { requireUser } from '../../../lib/session';

export const metadata: Metadata = { title: 'Nodes · Colo' };
export const dynamic = 'force-dynamic';

export default async function NodesPage() {
  const user = await requireUser();
  let answer: NodeListAnswer;
  try {
    // Through JSON, so the page gets exactly what GET /api/v1/nodes would give it.
    answer = JSON.parse(JSON.stringify(await listNodes(user))) as NodeListAnswer;
  } catch (error) {
    if (isColoError(error, 'forbidden')) notFound();
    if (isColoError(error)) {
      return (
        <div className="mx-auto w-full max-w-3xl px-6 py-8">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Nodes</h1>
          <p className="mt-2 text-sm text-slate-600" data-testid="nodes-unavailable">
            Colo could not read its Docker engine: {error.message}
          </p>
        </div>
      );
    }
    throw error;
  }
  return <NodesView initial={answer} />;
}
