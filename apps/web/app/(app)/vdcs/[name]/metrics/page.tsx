// The metrics of a whole VDC: CPU, memory, network and block I/O, its appliances stacked. Like
// the editor, the page loads everything through the REST API; the signed-in frame has checked
// the session.
import type { Metadata } from 'next';
import { VdcMetricsView } from '@/components/metrics/vdc-metrics-view';

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
  return { title: `Metrics · ${vdcName(name)} · Colo` };
}

export default async function VdcMetricsPage({ params }: { params: Promise<Params> }) {
  const { name } = await params;
  return <VdcMetricsView vdcName={vdcName(name)} />;
}
