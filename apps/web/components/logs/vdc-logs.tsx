'use client';
// The VDC logs page: a way back to the editor, and the logs view over all its appliances.
import Link from 'next/link';
import { LogSearch } from './log-search';

export function VdcLogs({ vdcName }: { vdcName: string }) {
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-4 p-6">
      <div className="flex items-center gap-3">
        <Link href={`/vdcs/${encodeURIComponent(vdcName)}`} className="text-sm text-indigo-600 hover:underline" data-testid="back-to-editor">
          ← {vdcName}
        </Link>
        <span className="text-slate-300">/</span>
        <h1 className="text-xl font-semibold text-slate-900">Logs</h1>
      </div>
      <LogSearch vdcName={vdcName} />
    </div>
  );
}
