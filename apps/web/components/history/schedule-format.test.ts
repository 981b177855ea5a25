import { describe, expect, it } from 'vitest';
import { kindText, lastRunText, nextRunText, type ScheduleBody, untilText } from './schedule-format';

const now = Date.parse('2026-12-02T22:00:00.000Z');
const base: ScheduleBody = {
  id: 'sch_a',
  kind: 'snapshot',
  cron: '0 3 * * *',
  timezone: 'UTC',
  keep: 7,
  enabled: true,
  nextRunAt: '2026-12-03T03:00:00.000Z',
  lastRunAt: null,
  lastResult: null,
  lastOperation: null,
};

describe('schedule wording', () => {
  it('says when the next run is, in UTC and from now', () => {
    expect(nextRunText(base, now)).toBe('2026-12-03 03:00 UTC (in 5h)');
    expect(nextRunText({ ...base, enabled: false, nextRunAt: null }, now)).toBe('disabled');
    expect(untilText('2026-12-02T22:00:30.000Z', now)).toBe('in under a minute');
    expect(untilText('2026-12-02T22:42:00.000Z', now)).toBe('in 42m');
    expect(untilText('2026-12-03T00:05:00.000Z', now)).toBe('in 2h 5m');
    expect(untilText('2026-12-05T01:00:00.000Z', now)).toBe('in 2d 3h');
    expect(untilText('2026-12-02T21:59:00.000Z', now)).toBe('due now');
  });

  it('says how the last run went and what a schedule does', () => {
    expect(lastRunText(base)).toBe('never run');
    expect(lastRunText({ ...base, lastRunAt: '2026-12-02T03:00:00.000Z', lastResult: 'requested', lastOperation: { id: 'op_1', status: 'succeeded', error: null } })).toBe(
      'requested → succeeded',
    );
    expect(lastRunText({ ...base, lastRunAt: '2026-12-02T03:00:00.000Z', lastResult: 'skipped: the VDC is stopped' })).toBe('skipped: the VDC is stopped');
    expect(kindText(base)).toBe('Snapshot, keep 7');
    expect(kindText({ kind: 'stop', keep: null })).toBe('Stop');
  });
});
