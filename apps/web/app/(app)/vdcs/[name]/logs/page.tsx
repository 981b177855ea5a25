// The logs of a whole VDC: every replica of every appliance, filtered, followed, downloaded.
// Like the editor, the page loads everything through the REST API; the signed-in frame has
// checked the session.
import type { Metadata } from 'next';
import { VdcLogs } from '@/components/logs/vdc-logs';

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
  return { title: `Logs · ${vdcName(name)} · Colo` };
}

export default async function VdcLogsPage({ params }: { params: Promise<Params> }) {
  const { name } = await params;
  return <VdcLogs vdcName={vdcName(name)} />;
}
