import { describe, expect, it } from 'vitest';
import { ColoError } from '../errors';
import { compilePattern, parseLogTime, readLogQuery } from './log-query';

const NOW = Date.parse('2026-12-03T12:00:00Z');

function refusal(raw: Record<string, string>): string {
  try {
    readLogQuery(raw, NOW);
  } catch (err) {
    expect(err).toBeInstanceOf(ColoError);
    expect((err as ColoError).code).toBe('bad_request');
    return (err as Error).message;
  }
  throw new Error('accepted');
}

describe('readLogQuery', () => {
  it('takes relative and absolute times, lowers the text and compiles the pattern', () => {
    const q = readLogQuery({ since: '15m', until: '2026-12-03T11:59:00Z', q: 'GET /Health', regex: 'status=5\\d\\d', level: 'warn', limit: '50' }, NOW);
    expect(q.since).toBe(NOW - 15 * 60_000);
    expect(q.until).toBe(Date.parse('2026-12-03T11:59:00Z'));
    expect(q.text).toBe('get /health');
    expect(q.pattern?.test('STATUS=503')).toBe(true);
    expect(q).toMatchObject({ level: 'warn', limit: 50, follow: '0', format: 'json' });
  });

  it('defaults to the newest 1000 lines of everything', () => {
    expect(readLogQuery({}, NOW)).toMatchObject({ since: undefined, until: undefined, limit: 1000, level: undefined });
  });

  it.each([
    [{ since: 'yesterday' }, /^since: "yesterday" is neither/],
    [{ until: '2026-13-45' }, /^until: /],
    [{ since: '5m', until: '10m' }, /^until: must be after since/],
    [{ level: 'loud' }, /^level: /],
    [{ limit: '0' }, /^limit: /],
    [{ limit: '100001' }, /^limit: /],
    [{ replica: 'two' }, /^replica: /],
    [{ appliance: 'Web_1' }, /^appliance: must be an appliance name/],
    [{ regex: '(' }, /^regex: /],
    [{ regex: '(a+)+$' }, /^regex: a repeated group/],
    [{ regex: 'x'.repeat(201) }, /^regex: /],
    [{ format: 'xml' }, /^format: /],
    [{ follow: 'yes' }, /^follow: /],
  ])('refuses %o naming the parameter', (raw, message) => {
    expect(refusal(raw as Record<string, string>)).toMatch(message);
  });
});

describe('parseLogTime', () => {
  it.each([
    ['30s', NOW - 30_000],
    ['2h', NOW - 7_200_000],
    ['7d', NOW - 7 * 86_400_000],
    ['2026-12-03', Date.parse('2026-12-03T00:00:00Z')],
    ['2026-12-03T10:00:00+02:00', Date.parse('2026-12-03T08:00:00Z')],
  ])('%s', (text, at) => {
    expect(parseLogTime('since', text, NOW)).toBe(at);
  });
});

it('compilePattern is case-insensitive and keeps no state between lines', () => {
  const p = compilePattern('err');
  expect([p.test('ERR 1'), p.test('err 2'), p.test('ok')]).toEqual([true, true, false]);
});
