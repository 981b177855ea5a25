import { describe, expect, it } from 'vitest';
import { buildTimeline, groupByDay } from './timeline';
import type { OperationBody, RevisionBody, SnapshotBody } from './types';

const rev = (number: number, at: string): RevisionBody => ({ id: `rev_${number}`, number, createdAt: at });

const snap = (number: number, at: string, extra: Partial<SnapshotBody> = {}): SnapshotBody => ({
  number,
  note: null,
  status: 'ready',
  revision: 1,
  method: 'copy',
  sizeBytes: 0,
  pauseMs: 0,
  durationMs: 0,
  volumes: [],
  createdAt: at,
  finishedAt: at,
  ...extra,
});

const op = (id: string, kind: string, at: string, extra: Partial<OperationBody> = {}): OperationBody => ({
  id,
  vdc: 'shop',
  kind,
  status: 'succeeded',
  progress: 100,
  error: null,
  steps: [],
  createdAt: at,
  startedAt: at,
  finishedAt: at,
  ...extra,
});

const keys = (items: { key: string }[]) => items.map((i) => i.key);

describe('buildTimeline', () => {
  it('merges revisions, snapshots and operations, newest first', () => {
    const items = buildTimeline({
      revisions: [rev(2, '2026-01-01T12:00:00Z'), rev(1, '2026-01-01T10:00:00Z')],
      snapshots: [snap(1, '2026-01-01T11:00:00Z')],
      operations: [op('op_d', 'deploy', '2026-01-01T10:30:00Z', { revision: 1 }), op('op_x', 'stop', '2026-01-01T13:00:00Z')],
      latestRevision: 2,
      deployedRevisionId: 'rev_1',
    });
    expect(keys(items)).toEqual(['operation-op_x', 'revision-2', 'snapshot-1', 'operation-op_d', 'revision-1']);
    const revisions = items.filter((i) => i.type === 'revision');
    expect(revisions.map((r) => [r.revision.number, r.latest, r.deployed])).toEqual([
      [2, true, false],
      [1, false, true],
    ]);
  });

  it('tells a successful snapshot operation by its snapshot, once', () => {
    const taken = op('op_s', 'snapshot', '2026-01-01T11:00:00Z', { result: { snapshot: 3 } });
    const items = buildTimeline({ revisions: [], snapshots: [snap(3, '2026-01-01T11:00:01Z')], operations: [taken] });
    expect(keys(items)).toEqual(['snapshot-3']);
    expect(items[0].type === 'snapshot' && items[0].operation?.id).toBe('op_s');
  });

  it('keeps snapshot operations that failed, are running, or whose snapshot is gone', () => {
    const items = buildTimeline({
      revisions: [],
      snapshots: [snap(2, '2026-01-01T11:00:00Z', { status: 'creating' })],
      operations: [
        op('op_run', 'snapshot', '2026-01-01T11:00:00Z', { status: 'running', result: null }),
        op('op_fail', 'snapshot', '2026-01-01T10:00:00Z', { status: 'failed', error: 'no space' }),
        op('op_gone', 'snapshot', '2026-01-01T09:00:00Z', { result: { snapshot: 1 } }),
        op('op_del', 'snapshot_delete', '2026-01-01T09:30:00Z', { params: { snapshot: 1 } }),
      ],
    });
    expect(keys(items)).toEqual(['operation-op_run', 'snapshot-2', 'operation-op_fail', 'operation-op_del', 'operation-op_gone']);
  });

  it('puts an operation before a revision of the same instant, and keeps input order otherwise', () => {
    const at = '2026-01-01T10:00:00Z';
    const items = buildTimeline({ revisions: [rev(1, at)], snapshots: [], operations: [op('op_a', 'deploy', at), op('op_b', 'deploy', at)] });
    expect(keys(items)).toEqual(['operation-op_a', 'operation-op_b', 'revision-1']);
  });

  it('marks the highest number latest when the VDC does not say', () => {
    const items = buildTimeline({ revisions: [rev(1, '2026-01-01T10:00:00Z'), rev(4, '2026-01-02T10:00:00Z')], snapshots: [], operations: [] });
    expect(items.map((i) => i.type === 'revision' && i.latest)).toEqual([true, false]);
  });

  it('is empty for a VDC with nothing', () => {
    expect(buildTimeline({ revisions: [], snapshots: [], operations: [] })).toEqual([]);
  });
});

describe('groupByDay', () => {
  // Local times, so the grouping holds in any time zone the tests run in.
  const now = new Date(2026, 0, 10, 15, 0, 0);
  const at = (day: number, hour: number) => new Date(2026, 0, day, hour, 0, 0).toISOString();

  it('groups consecutive items by local day with friendly labels', () => {
    const items = buildTimeline({
      revisions: [rev(3, at(10, 9)), rev(2, at(9, 23)), rev(1, at(2, 8))],
      snapshots: [snap(1, at(10, 8))],
      operations: [],
    });
    const days = groupByDay(items, now);
    expect(days.map((d) => [d.label === 'Today' || d.label === 'Yesterday' ? d.label : 'date', keys(d.items)])).toEqual([
      ['Today', ['revision-3', 'snapshot-1']],
      ['Yesterday', ['revision-2']],
      ['date', ['revision-1']],
    ]);
    expect(days[2].day).toBe('2026-01-02');
  });
});
