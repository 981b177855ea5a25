'use client';
// The caller's alerts, kept fresh: fetched at once, every 10 s, and whenever the tab comes back
// into view, so the bell and the list follow the worker's evaluations without a reload.
import type { Alert } from '@colo/api';
import { useCallback, useEffect, useState } from 'react';
import { apiFetch } from '../ui/api-fetch';

export const ALERTS_REFRESH_MS = 10_000;

export interface AlertsState {
  alerts: Alert[];
  unread: number;
  error: string | null;
  loaded: boolean;
  refresh(): Promise<void>;
}

export function useAlerts(query: { state?: string; vdc?: string } = {}): AlertsState {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  const refresh = useCallback(async () => {
    try {
      const answer = await apiFetch<{ alerts: Alert[]; unread: number }>(`/alerts${search ? `?${search}` : ''}`);
      setAlerts(answer.alerts);
      setUnread(answer.unread);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoaded(true);
    }
  }, [search]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), ALERTS_REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);
  return { alerts, unread, error, loaded, refresh };
}

export const KIND_LABELS: Record<string, string> = {
  unhealthy: 'Unhealthy',
  flap_guard: 'Flap guard',
  oom: 'Out of memory',
  volume_full: 'Volume full',
  operation_failed: 'Operation failed',
  schedule_missed: 'Schedule missed',
};
