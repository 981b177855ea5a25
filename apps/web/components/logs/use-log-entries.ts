'use client';
// The entries a logs view shows: one search per filter change, or with follow on an event
// stream that sends the matching history, then new lines (kept to the newest MAX_SHOWN).
import type { LogEntry } from '@colo/api';
import { useCallback, useEffect, useState } from 'react';
import { api, messageOf, vdcPath } from '../deploy/api';

export type ShownEntry = LogEntry & { key: number };

const SEARCH_LIMIT = '1000';
const MAX_SHOWN = 3000;

export function useLogEntries(vdcName: string, query: string, follow: boolean) {
  const [entries, setEntries] = useState<ShownEntry[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [loading, setLoading] = useState(true);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string>();
  const [reload, setReload] = useState(0);
  const base = vdcPath(vdcName, '/logs');

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is the Refresh button's trigger
  useEffect(() => {
    if (follow) return;
    const ctl = new AbortController();
    setLoading(true);
    api<{ entries: LogEntry[]; truncated: boolean }>(`${base}?${query}&limit=${SEARCH_LIMIT}`, { signal: ctl.signal })
      .then((body) => {
        setEntries(body.entries.map((e, i) => ({ ...e, key: i })));
        setTruncated(body.truncated);
        setError(undefined);
      })
      .catch((err) => {
        if ((err as Error).name !== 'AbortError') setError(messageOf(err));
      })
      .finally(() => setLoading(false));
    return () => ctl.abort();
  }, [base, query, follow, reload]);

  useEffect(() => {
    if (!follow) return;
    let n = 0;
    setLoading(true);
    const source = new EventSource(`/api/v1${base}?${query}&limit=500&follow=1`);
    // Every (re)connection sends the history again: start over rather than repeat lines.
    source.addEventListener('open', () => {
      n = 0;
      setEntries([]);
      setLive(true);
      setError(undefined);
    });
    source.addEventListener('log', (e) => {
      const entry = JSON.parse((e as MessageEvent).data) as LogEntry;
      setEntries((prev) => [...(prev.length >= MAX_SHOWN ? prev.slice(prev.length - MAX_SHOWN + 1) : prev), { ...entry, key: ++n }]);
    });
    source.addEventListener('caught-up', (e) => {
      setTruncated(Boolean(JSON.parse((e as MessageEvent).data).truncated));
      setLoading(false);
    });
    source.addEventListener('problem', (e) => setError(JSON.parse((e as MessageEvent).data).error?.message));
    source.addEventListener('error', () => {
      setLive(false);
      // A refused stream (a bad filter answers 400) closes; read the reason with a plain search.
      if (source.readyState === EventSource.CLOSED) {
        api(`${base}?${query}&limit=1`)
          .then(() => setError('The log stream was refused; try again.'))
          .catch((err) => setError(messageOf(err)))
          .finally(() => setLoading(false));
      }
    });
    return () => {
      source.close();
      setLive(false);
    };
  }, [base, query, follow]);

  const refresh = useCallback(() => setReload((r) => r + 1), []);
  return { entries, truncated, loading, live, error, refresh };
}
