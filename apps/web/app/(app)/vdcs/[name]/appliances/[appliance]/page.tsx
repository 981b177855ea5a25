import type { Metadata } from 'next';
import { ApplianceDetail } from '@/components/deploy/appliance-detail';
import { ApplianceCharts } from '@/components/metrics/appliance-charts';

type Params = { name: string; appliance: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name, appliance } = await params;
  return { title: `${appliance} · ${name} · Colo` };
}

export default async function AppliancePage({ params }: { params: Promise<Params> }) {
  const { name, appliance } = await params;
  return (
    <>
      <ApplianceDetail vdcName={name} appliance={appliance} />
      <div className="mx-auto w-full max-w-6xl px-6 pb-6">
        <ApplianceCharts vdcName={name} appliance={appliance} />
      </div>
    </>
  );
}
