'use client';
// The banner's input: which appliances' data sits on a lost node (live status), and the VDC's
// snapshots to restore them from, read only while something is lost and again after each
// operation (a new snapshot, a restore that moved the data).
import type { Snapshot } from '@colo/api';
import { useEffect, useMemo, useState } from 'react';
import type { VdcStatusBody } from '@/components/deploy';
import { apiFetch } from '@/components/ui/api-fetch';
import { type DataNode, dataNodesOf, type LostData, lostDataOf } from './data-nodes';

export function useLostData(vdcName: string, status: VdcStatusBody | undefined, operationKey: string): { dataNodes: Record<string, DataNode>; lost: LostData[]; error?: string } {
  const lostKey = (status?.appliances ?? [])
    .filter((a) => a.data?.lost)
    .map((a) => a.name)
    .sort()
    .join(',');
  const [snapshots, setSnapshots] = useState<Snapshot[]>();
  const [error, setError] = useState<string>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when an operation starts or ends (a new snapshot, a restore done)
  useEffect(() => {
    // What was read stays shown meanwhile: the button does not flicker.
    if (!lostKey) {
      setSnapshots(undefined);
      setError(undefined);
      return;
    }
    const abort = new AbortController();
    apiFetch<{ snapshots: Snapshot[] }>(`/vdcs/${encodeURIComponent(vdcName)}/snapshots`, { signal: abort.signal })
      .then((answer) => {
        setSnapshots(answer.snapshots);
        setError(undefined);
      })
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setError(`the snapshots could not be read: ${err.message}`);
      });
    return () => abort.abort();
  }, [vdcName, lostKey, operationKey]);

  const dataNodes = useMemo(() => dataNodesOf(status), [status]);
  const lost = useMemo(() => lostDataOf(status, snapshots), [status, snapshots]);
  return { dataNodes, lost, error };
}
