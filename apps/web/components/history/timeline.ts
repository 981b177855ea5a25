// One timeline of a VDC's past, newest first: the revisions it saved, the snapshots it holds and
// the operations it ran. A snapshot operation that succeeded is told by its snapshot (one line,
// not two); one that failed, or a deleted snapshot's, stays an operation. Pure, so it is tested.
import type { OperationBody, RevisionBody, SnapshotBody } from './types';

export type TimelineItem =
  | { type: 'revision'; key: string; at: string; revision: RevisionBody; latest: boolean; deployed: boolean }
  | { type: 'snapshot'; key: string; at: string; snapshot: SnapshotBody; operation?: OperationBody }
  | { type: 'operation'; key: string; at: string; operation: OperationBody };

export interface TimelineInput {
  revisions: RevisionBody[];
  snapshots: SnapshotBody[];
  operations: OperationBody[];
  /** The VDC's newest revision number and the id of the revision it runs, if any. */
  latestRevision?: number;
  deployedRevisionId?: string | null;
}

function resultSnapshot(op: OperationBody): number | undefined {
  const n = (op.result as { snapshot?: unknown } | null | undefined)?.snapshot;
  return typeof n === 'number' ? n : undefined;
}

/** When an item sits on the timeline, in ms (unparseable dates sink to the bottom). */
function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

// At the same instant, what happened last in a flow comes first: a deploy after its revision.
const TIE_ORDER: Record<TimelineItem['type'], number> = { operation: 0, snapshot: 1, revision: 2 };

export function buildTimeline(input: TimelineInput): TimelineItem[] {
  const latest = input.latestRevision ?? Math.max(0, ...input.revisions.map((r) => r.number));
  const snapshotOps = new Map<number, OperationBody>();
  for (const op of input.operations) {
    const n = op.kind === 'snapshot' && op.status === 'succeeded' ? resultSnapshot(op) : undefined;
    if (n !== undefined && !snapshotOps.has(n)) snapshotOps.set(n, op);
  }
  const present = new Set(input.snapshots.map((s) => s.number));

  const items: TimelineItem[] = [
    ...input.revisions.map(
      (revision): TimelineItem => ({
        type: 'revision',
        key: `revision-${revision.number}`,
        at: revision.createdAt,
        revision,
        latest: revision.number === latest,
        deployed: input.deployedRevisionId != null && revision.id === input.deployedRevisionId,
      }),
    ),
    ...input.snapshots.map(
      (snapshot): TimelineItem => ({ type: 'snapshot', key: `snapshot-${snapshot.number}`, at: snapshot.createdAt ?? '', snapshot, operation: snapshotOps.get(snapshot.number) }),
    ),
    ...input.operations
      .filter((op) => {
        const n = op.kind === 'snapshot' && op.status === 'succeeded' ? resultSnapshot(op) : undefined;
        return !(n !== undefined && present.has(n) && snapshotOps.get(n) === op);
      })
      .map((operation): TimelineItem => ({ type: 'operation', key: `operation-${operation.id}`, at: operation.createdAt, operation })),
  ];

  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => time(b.item.at) - time(a.item.at) || TIE_ORDER[a.item.type] - TIE_ORDER[b.item.type] || a.index - b.index)
    .map(({ item }) => item);
}

export interface TimelineDay {
  /** `YYYY-MM-DD` in local time. */
  day: string;
  label: string;
  items: TimelineItem[];
}

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Consecutive items of one local day under one heading: "Today", "Yesterday", or the date. */
export function groupByDay(items: TimelineItem[], now: Date = new Date()): TimelineDay[] {
  const today = localDay(now);
  const yesterday = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const days: TimelineDay[] = [];
  for (const item of items) {
    const at = new Date(item.at);
    const day = Number.isNaN(at.getTime()) ? 'unknown' : localDay(at);
    let group = days.at(-1);
    if (group?.day !== day) {
      const label =
        day === today
          ? 'Today'
          : day === yesterday
            ? 'Yesterday'
            : day === 'unknown'
              ? 'Unknown date'
              : at.toLocaleDateString([], { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
      group = { day, label, items: [] };
      days.push(group);
    }
    group.items.push(item);
  }
  return days;
}
