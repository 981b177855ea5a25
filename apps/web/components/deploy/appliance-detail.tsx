'use client';
// The appliance page: live state from the VDC's event stream, container details (restarts, exit
// codes, health output) refetched whenever that state changes, and its logs.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Alert } from '../ui/alert';
import { ApiError, api, vdcPath } from './api';
import { LogSearch } from '../logs/log-search';
import { type ContainerRow, ContainerTable } from './container-table';
import { NodeStateBadge } from './node-state-badge';
import { ReplicaTerminal } from './replica-terminal';
import { useVdcLive } from './use-vdc-live';

/** `terminalBlocked`: why this user may not open a shell here (a viewer of the VDC's team). */
export function ApplianceDetail({ vdcName, appliance, terminalBlocked }: { vdcName: string; appliance: string; terminalBlocked?: string }) {
  const live = useVdcLive(vdcName);
  const fromStatus = live.status?.appliances.find((a) => a.name === appliance);
  const node = live.nodes[appliance];
  const [rows, setRows] = useState<ContainerRow[]>();
  const [error, setError] = useState<{ status: number; message: string }>();
  const [terminalReplica, setTerminalReplica] = useState<number>();
  const statusKey = JSON.stringify(fromStatus ?? null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the live status of this appliance changes
  useEffect(() => {
    const ctl = new AbortController();
    api<{ appliance: { containers: ContainerRow[] } }>(vdcPath(vdcName, `/appliances/${encodeURIComponent(appliance)}`), { signal: ctl.signal })
      .then((body) => {
        setRows(body.appliance.containers);
        setError(undefined);
      })
      .catch((err) => {
        if ((err as Error).name === 'AbortError') return;
        setError(err instanceof ApiError ? { status: err.status, message: err.message } : { status: 0, message: String(err) });
      });
    return () => ctl.abort();
  }, [vdcName, appliance, statusKey]);

  const back = (
    <Link href={`/vdcs/${encodeURIComponent(vdcName)}`} className="text-sm text-indigo-600 hover:underline" data-testid="back-to-editor">
      ← {vdcName}
    </Link>
  );
  if (error?.status === 404) {
    return (
      <div className="mx-auto w-full max-w-5xl space-y-4 p-6">
        {back}
        <Alert>{error.message}. It may have been renamed or removed in the editor.</Alert>
      </div>
    );
  }
  // Prefer the fetched details (restarts…), but let the live stream's state show at once.
  const containers: ContainerRow[] = (fromStatus?.containers ?? rows ?? []).map((c) => ({ ...rows?.find((r) => r.id === c.id), ...c }));
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-5 p-6">
      <div className="flex flex-wrap items-center gap-3">
        {back}
        <span className="text-slate-300">/</span>
        <h1 className="text-xl font-semibold text-slate-900" data-testid="appliance-name">
          {appliance}
        </h1>
        {fromStatus?.class && <span className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-600">{fromStatus.class}</span>}
        {node && <NodeStateBadge state={node.state} running={node.running} desired={node.desired} appliance={appliance} reason={node.reason} />}
        {!live.connected && live.status && <span className="text-xs text-slate-500">reconnecting…</span>}
      </div>
      {error && <Alert>{error.message}</Alert>}
      <section className="space-y-2">
        <h2 className="text-sm font-semibold text-slate-900">Containers</h2>
        {!live.status && !rows ? <div className="h-24 animate-pulse rounded-md bg-slate-100" /> : <ContainerTable containers={containers} onTerminal={setTerminalReplica} terminalBlocked={terminalBlocked} />}
      </section>
      {terminalReplica !== undefined && (
        <ReplicaTerminal vdcName={vdcName} appliance={appliance} replica={terminalReplica} onHide={() => setTerminalReplica(undefined)} />
      )}
      <LogSearch vdcName={vdcName} appliance={appliance} defaultFollow />
    </div>
  );
}
