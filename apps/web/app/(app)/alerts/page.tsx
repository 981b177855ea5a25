// The notification centre: the caller's alerts, live (the list refreshes itself).
import type { Metadata } from 'next';
import { AlertList } from '@/components/alerts/alert-list';

export const metadata: Metadata = { title: 'Alerts · Colo' };

export default function AlertsPage() {
  return <AlertList />;
}
