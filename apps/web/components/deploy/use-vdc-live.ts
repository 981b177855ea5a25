'use client';
// The live state of one VDC for React: status, the running or last operation with its log
// lines, and each appliance's NodeLiveState. Any number of callers share one stream.
import { useCallback, useSyncExternalStore } from 'react';
import { emptySnapshot, subscribeVdc, type VdcLiveSnapshot, vdcSnapshot } from './live-store';

export type VdcLive = VdcLiveSnapshot;

export function useVdcLive(vdcName: string): VdcLive {
  const subscribe = useCallback((listener: () => void) => subscribeVdc(vdcName, listener), [vdcName]);
  const snapshot = useCallback(() => vdcSnapshot(vdcName), [vdcName]);
  return useSyncExternalStore(subscribe, snapshot, emptySnapshot);
}
