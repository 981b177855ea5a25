import { describe, expect, it } from 'vitest';
import { CronError, nextRun, parseCron } from './cron';

const at = (iso: string) => new Date(iso);
const next = (expression: string, after: string) => nextRun(parseCron(expression), at(after))?.toISOString();

/** The next `count` firings after `after`, one after the other. */
function series(expression: string, after: string, count: number): string[] {
  const cron = parseCron(expression);
  const out: string[] = [];
  let t = at(after);
  for (let i = 0; i < count; i++) {
    const n = nextRun(cron, t);
    if (!n) break;
    out.push(n.toISOString().slice(0, 16));
    t = n;
  }
  return out;
}

describe('parseCron', () => {
  it('reads lists, ranges, steps, names and 7 as Sunday', () => {
    const c = parseCron('0,30 9-17/4 1,15 jan-mar MON-fri');
    expect([...c.minutes]).toEqual([0, 30]);
    expect([...c.hours]).toEqual([9, 13, 17]);
    expect([...c.days]).toEqual([1, 15]);
    expect([...c.months]).toEqual([1, 2, 3]);
    expect([...c.weekdays]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron('0 0 * * 7').weekdays]).toEqual([0]);
    expect([...parseCron('0 0 * * 5-7').weekdays].sort()).toEqual([0, 5, 6]);
    expect([...parseCron('5/20 * * * *').minutes]).toEqual([5, 25, 45]);
    expect([...parseCron('*/15 * * * *').minutes]).toEqual([0, 15, 30, 45]);
    expect(parseCron('@daily')).toMatchObject({ source: '@daily', anyDay: true, anyWeekday: true });
    expect([...parseCron('  @Hourly ').minutes]).toEqual([0]);
  });

  it('refuses a bad expression, naming the field at fault', () => {
    const cases: [string, RegExp][] = [
      ['', /needs 5 fields .* got 0/],
      ['0 3 * *', /needs 5 fields .* got 4/],
      ['0 3 * * * *', /got 6/],
      ['60 * * * *', /^minute 60 is out of range 0-59$/],
      ['0 24 * * *', /^hour 24 is out of range 0-23$/],
      ['0 0 0 * *', /^day-of-month 0 is out of range 1-31$/],
      ['0 0 * 13 *', /^month 13 is out of range 1-12$/],
      ['0 0 * * 8', /^day-of-week 8 is out of range 0-7$/],
      ['0 0 * foo *', /^month "foo" is not a number or a name/],
      ['x * * * *', /^minute "x" is not a number$/],
      ['*/0 * * * *', /^minute step "0" must be a whole number from 1/],
      ['0 5-3 * * *', /^hour range "5-3" runs backwards/],
      ['0 1-2-3 * * *', /^hour range "1-2-3" must be FROM-TO/],
      ['0,,5 * * * *', /^minute "0,,5" has an empty list item/],
      ['0 0 31 2 *', /never comes/],
      ['@sometimes', /unknown shortcut "@sometimes"/],
    ];
    for (const [expression, message] of cases) {
      expect(() => parseCron(expression), expression).toThrow(CronError);
      expect(() => parseCron(expression), expression).toThrow(message);
    }
  });
});

describe('nextRun', () => {
  it('is strictly after the given time, at a whole minute', () => {
    expect(next('* * * * *', '2026-12-02T10:00:00.000Z')).toBe('2026-12-02T10:01:00.000Z');
    expect(next('* * * * *', '2026-12-02T10:00:59.999Z')).toBe('2026-12-02T10:01:00.000Z');
    expect(next('30 3 * * *', '2026-12-02T03:30:00.000Z')).toBe('2026-12-03T03:30:00.000Z');
    expect(next('30 3 * * *', '2026-12-02T03:29:30.000Z')).toBe('2026-12-02T03:30:00.000Z');
  });

  it('steps through hours, days, month ends and years in UTC', () => {
    expect(series('0 */6 * * *', '2026-12-31T13:00:00Z', 4)).toEqual(['2026-12-31T18:00', '2027-01-01T00:00', '2027-01-01T06:00', '2027-01-01T12:00']);
    expect(series('0 0 31 * *', '2026-01-15T00:00:00Z', 3)).toEqual(['2026-01-31T00:00', '2026-03-31T00:00', '2026-05-31T00:00']);
    expect(series('0 12 29 2 *', '2026-01-01T00:00:00Z', 2)).toEqual(['2028-02-29T12:00', '2032-02-29T12:00']);
    expect(series('@monthly', '2026-11-30T23:59:00Z', 2)).toEqual(['2026-12-01T00:00', '2027-01-01T00:00']);
  });

  it('fires on weekdays only, and on either day field when both are restricted', () => {
    // 2026-12-04 is a Friday.
    expect(series('0 22 * * mon-fri', '2026-12-04T21:00:00Z', 3)).toEqual(['2026-12-04T22:00', '2026-12-07T22:00', '2026-12-08T22:00']);
    expect(series('0 7 * * 1-5', '2026-12-04T08:00:00Z', 1)).toEqual(['2026-12-07T07:00']);
    // The 1st of the month or any Sunday.
    expect(series('0 0 1 * sun', '2026-11-28T00:00:00Z', 3)).toEqual(['2026-11-29T00:00', '2026-12-01T00:00', '2026-12-06T00:00']);
  });
});
