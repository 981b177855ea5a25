import { findReachableVdc } from '@colo/control';
import type { Metadata } from 'next';
import { ApplianceDetail } from '@/components/deploy/appliance-detail';
import { ApplianceCharts } from '@/components/metrics/appliance-charts';
import { requireUser } from '@/lib/session';

type Params = { name: string; appliance: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name, appliance } = await params;
  return { title: `${appliance} · ${name} · Colo` };
}

/** As the other pages of a VDC: the name as typed (`shop@acme` may arrive as `shop%40acme`). */
function vdcName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Why the caller may not open a terminal here (a viewer of the VDC's team); the API refuses it too. */
async function terminalBlocked(name: string): Promise<string | undefined> {
  const user = await requireUser();
  const found = await findReachableVdc({ ...user, right: 'read' }, name).catch(() => undefined);
  return found?.role === 'viewer' ? `you are a viewer in team ${found.team.slug}` : undefined;
}

export default async function AppliancePage({ params }: { params: Promise<Params> }) {
  const { name: raw, appliance } = await params;
  const name = vdcName(raw);
  return (
    <>
      <ApplianceDetail vdcName={name} appliance={appliance} terminalBlocked={await terminalBlocked(name)} />
      <div className="mx-auto w-full max-w-6xl px-6 pb-6">
        <ApplianceCharts vdcName={name} appliance={appliance} />
      </div>
    </>
  );
}
