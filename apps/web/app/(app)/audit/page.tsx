import type { Metadata } from 'next';
import { AuditView } from '../../../components/audit/audit-view';
import { filtersFrom } from '../../../components/audit/audit-query';

export const metadata: Metadata = { title: 'Audit log · Colo' };

/** The audit log; `?vdc=shop` (the editor's Activity link) and the other filters come from the address. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <AuditView initial={filtersFrom(await searchParams)} />;
}
