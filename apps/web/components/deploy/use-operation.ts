'use client';
// Follows one operation of a VDC by id. The VDC's shared event stream (live-store) carries it
// while it is that VDC's newest operation; once another is newer (or before the stream has
// caught up), the operation is asked for directly until it finishes, so it never looks frozen.
import { useEffect, useRef, useState } from 'react';
import { api, messageOf } from './api';
import { isActive, type LogLineBody, type OperationBody } from './types';
import { useVdcLive } from './use-vdc-live';

const POLL_MS = 1500;

export interface OperationFollow {
  operation?: OperationBody;
  logs: LogLineBody[];
  /** Why it could not be read, if it could not. */
  error?: string;
}

export function useOperation(vdcName: string, operationId: string, initial?: OperationBody): OperationFollow {
  const live = useVdcLive(vdcName);
  const onStream = live.operation?.id === operationId;
  const [polled, setPolled] = useState<{ operation: OperationBody; logs: LogLineBody[] }>();
  const [error, setError] = useState<string>();
  const lastSeq = useRef({ id: operationId, seq: 0 });

  useEffect(() => {
    if (onStream) return;
    if (lastSeq.current.id !== operationId) lastSeq.current = { id: operationId, seq: 0 };
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ctl = new AbortController();
    async function poll() {
      try {
        const body = await api<{ operation: OperationBody; logs: LogLineBody[] }>(
          `/operations/${encodeURIComponent(operationId)}?logsAfter=${lastSeq.current.seq}`,
          { signal: ctl.signal },
        );
        if (stopped) return;
        lastSeq.current = { id: operationId, seq: body.logs.at(-1)?.seq ?? lastSeq.current.seq };
        setPolled((prev) => ({ operation: body.operation, logs: [...(prev?.operation.id === operationId ? prev.logs : []), ...body.logs].slice(-2000) }));
        setError(undefined);
        if (isActive(body.operation)) timer = setTimeout(poll, POLL_MS);
      } catch (err) {
        if (stopped || (err as Error).name === 'AbortError') return;
        setError(messageOf(err));
        timer = setTimeout(poll, POLL_MS * 2);
      }
    }
    void poll();
    return () => {
      stopped = true;
      ctl.abort();
      clearTimeout(timer);
    };
  }, [operationId, onStream]);

  if (onStream && live.operation) return { operation: live.operation, logs: live.logs };
  if (polled?.operation.id === operationId) return { ...polled, error };
  return { operation: initial?.id === operationId ? initial : undefined, logs: [], error };
}
