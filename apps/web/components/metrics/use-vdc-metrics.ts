'use client';
// The metrics of a VDC (or one appliance), fetched again every few seconds while the page is
// shown: the worker stores a sample every 10 s, so a poll this often shows each one soon after.
import type { VdcMetrics } from '@colo/api';
import { useEffect, useState } from 'react';
import { ApiError, apiFetch } from '../ui/api-fetch';

export type MetricRangeName = VdcMetrics['range'];
const POLL_MS = 5000;

/** `enabled: false` stops polling (the editor of a VDC with nothing running). */
export function useVdcMetrics(vdcName: string, options: { appliance?: string; range: MetricRangeName; enabled?: boolean }) {
  const [metrics, setMetrics] = useState<VdcMetrics>();
  const [error, setError] = useState<string>();
  const { appliance, range } = options;
  const enabled = options.enabled ?? true;

  useEffect(() => {
    if (!enabled) return;
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const query = new URLSearchParams({ range, ...(appliance ? { appliance } : {}) });
    const load = async () => {
      try {
        const body = await apiFetch<VdcMetrics>(`/vdcs/${encodeURIComponent(vdcName)}/metrics?${query}`, { signal: ctl.signal });
        setMetrics(body);
        setError(undefined);
      } catch (err) {
        if ((err as Error).name === 'AbortError') return;
        setError(err instanceof ApiError ? err.message : String(err));
      }
      if (!ctl.signal.aborted) timer = setTimeout(load, POLL_MS);
    };
    void load();
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [vdcName, appliance, range, enabled]);

  return { metrics, error };
}
