'use client';
// Asks the server (GET /ports) whether a new VDC's published ports are free, a moment after they
// or the team change: another VDC's or entry's port, Colo's own, or one a program on the host binds.
import { useEffect, useState } from 'react';
import { apiFetch } from '../ui/api-fetch';

export interface NearPort {
  port: number;
  free?: number | null;
  problem?: string | null;
}

const DEBOUNCE_MS = 250;

export function usePortCheck(ports: number[], team: string, enabled: boolean): { near: NearPort[]; checking: boolean } {
  const [near, setNear] = useState<NearPort[]>([]);
  const [checking, setChecking] = useState(false);
  const key = ports.join(',');
  useEffect(() => {
    if (!enabled || key === '') {
      setNear([]);
      setChecking(false);
      return;
    }
    const abort = new AbortController();
    setChecking(true);
    const timer = setTimeout(async () => {
      const query = new URLSearchParams({ near: key, ...(team ? { team } : {}) });
      try {
        const answer = await apiFetch<{ near: NearPort[] }>(`/ports?${query}`, { signal: abort.signal });
        setNear(answer.near);
      } catch {
        // A check that could not run warns of nothing; Create still validates on the server.
        if (!abort.signal.aborted) setNear([]);
      } finally {
        if (!abort.signal.aborted) setChecking(false);
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [key, team, enabled]);
  return { near, checking };
}
