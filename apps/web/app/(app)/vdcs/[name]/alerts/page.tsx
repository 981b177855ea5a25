// A VDC's alert rules, loaded through the REST API like the editor; the frame checked the session.
import type { Metadata } from 'next';
import { AlertRulesPanel } from '@/components/alerts/alert-rules-panel';

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
  return { title: `Alert rules · ${vdcName(name)} · Colo` };
}

export default async function VdcAlertsPage({ params }: { params: Promise<Params> }) {
  const { name } = await params;
  return <AlertRulesPanel vdcName={vdcName(name)} />;
}
