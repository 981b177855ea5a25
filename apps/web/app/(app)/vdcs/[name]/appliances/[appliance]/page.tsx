import type { Metadata } from 'next';
import { ApplianceDetail } from '@/components/deploy/appliance-detail';

type Params = { name: string; appliance: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name, appliance } = await params;
  return { title: `${appliance} · ${name} · Colo` };
}

export default async function AppliancePage({ params }: { params: Promise<Params> }) {
  const { name, appliance } = await params;
  return <ApplianceDetail vdcName={name} appliance={appliance} />;
}
