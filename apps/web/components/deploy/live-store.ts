// One EventSource per VDC, shared by every component that asks for its live state (the canvas
// nodes, the deploy button, the operations panel), opened on first use and closed with the last.
import { deriveNodes } from './live-state';
import type { LogLineBody, NodeLive, OperationBody, VdcStatusBody } from './types';

export interface VdcLiveSnapshot {
  status?: VdcStatusBody;
  /** The running operation, or the last one. */
  operation?: OperationBody;
  /** Log lines of `operation` so far (already redacted by the server). */
  logs: LogLineBody[];
  nodes: Record<string, NodeLive>;
  connected: boolean;
  /** Why the stream is down, when the server said (e.g. the VDC is gone). */
  problem?: string;
}

interface Subscription {
  snapshot: VdcLiveSnapshot;
  listeners: Set<() => void>;
  source?: EventSource;
  retry?: ReturnType<typeof setTimeout>;
  attempts: number;
}

/** Browsers retry a dropped stream themselves; a refused one (401/404/5xx) is retried here. */
const RETRY_MS = [1000, 2000, 5000, 10000, 30000];
const MAX_LOG_LINES = 2000;

const EMPTY: VdcLiveSnapshot = { logs: [], nodes: {}, connected: false };
const subscriptions = new Map<string, Subscription>();

function update(sub: Subscription, patch: Partial<VdcLiveSnapshot>): void {
  const next = { ...sub.snapshot, ...patch };
  if ('status' in patch || 'operation' in patch) next.nodes = deriveNodes(next.status, next.operation);
  sub.snapshot = next;
  for (const l of sub.listeners) l();
}

function mergeOperation(sub: Subscription, operation: OperationBody, logs: LogLineBody[]): void {
  const same = sub.snapshot.operation?.id === operation.id;
  const known = same ? sub.snapshot.logs : [];
  const lastSeq = known.at(-1)?.seq ?? 0;
  const fresh = logs.filter((l) => l.seq > lastSeq);
  const merged = fresh.length > 0 ? [...known, ...fresh].slice(-MAX_LOG_LINES) : known;
  update(sub, { operation, logs: merged });
}

function open(vdcName: string, sub: Subscription): void {
  const source = new EventSource(`/api/v1/vdcs/${encodeURIComponent(vdcName)}/events`);
  sub.source = source;
  source.addEventListener('open', () => {
    sub.attempts = 0;
    update(sub, { connected: true, problem: undefined });
  });
  // A fresh status means the server reached Docker again: any earlier problem is over.
  source.addEventListener('status', (e) => update(sub, { status: JSON.parse((e as MessageEvent).data), problem: undefined }));
  source.addEventListener('operation', (e) => {
    const body = JSON.parse((e as MessageEvent).data) as { operation: OperationBody; logs?: LogLineBody[] };
    mergeOperation(sub, body.operation, body.logs ?? []);
  });
  source.addEventListener('problem', (e) => {
    const body = JSON.parse((e as MessageEvent).data) as { error?: { message?: string } };
    update(sub, { problem: body.error?.message ?? 'the live stream stopped' });
  });
  source.addEventListener('error', () => {
    update(sub, { connected: false });
    if (source.readyState !== EventSource.CLOSED) return;
    const delay = RETRY_MS[Math.min(sub.attempts, RETRY_MS.length - 1)];
    sub.attempts++;
    sub.retry = setTimeout(() => {
      if (subscriptions.get(vdcName) === sub) open(vdcName, sub);
    }, delay);
  });
}

export function subscribeVdc(vdcName: string, listener: () => void): () => void {
  let sub = subscriptions.get(vdcName);
  if (!sub) {
    sub = { snapshot: EMPTY, listeners: new Set(), attempts: 0 };
    subscriptions.set(vdcName, sub);
    open(vdcName, sub);
  }
  sub.listeners.add(listener);
  const mine = sub;
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size > 0) return;
    mine.source?.close();
    clearTimeout(mine.retry);
    subscriptions.delete(vdcName);
  };
}

export function vdcSnapshot(vdcName: string): VdcLiveSnapshot {
  return subscriptions.get(vdcName)?.snapshot ?? EMPTY;
}

export function emptySnapshot(): VdcLiveSnapshot {
  return EMPTY;
}

/** Shows an operation the moment the API accepted it, before the stream reports it. */
export function noteOperation(vdcName: string, operation: OperationBody): void {
  const sub = subscriptions.get(vdcName);
  if (sub && sub.snapshot.operation?.id !== operation.id) mergeOperation(sub, operation, []);
}
