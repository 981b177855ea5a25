// The history of one VDC: revisions, snapshots and operations on one timeline. Like the editor,
// the page loads everything through the REST API; the signed-in frame has checked the session.
import type { Metadata } from 'next';
import { VdcHistory } from '@/components/history/vdc-history';

type Params = { name: string };

function vdcName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `History · ${vdcName(name)} · Colo` };
}

export default async function VdcHistoryPage({ params }: { params: Promise<Params> }) {
  const { name } = await params;
  return <VdcHistory name={vdcName(name)} />;
}
