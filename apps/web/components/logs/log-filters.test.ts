import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, highlightPieces, logsQuery } from './log-filters';

describe('logsQuery', () => {
  it('sends a relative range, the text as q and the level', () => {
    expect(logsQuery({ ...DEFAULT_FILTERS, range: '15m', text: 'GET /', level: 'warn' }).toString()).toBe('since=15m&q=GET+%2F&level=warn');
  });

  it('sends a pattern as regex, a replica only with an appliance, nothing for all time', () => {
    expect(logsQuery({ ...DEFAULT_FILTERS, range: 'all', text: 'a|b', pattern: true, replica: '2' }).toString()).toBe('regex=a%7Cb');
    expect(logsQuery({ ...DEFAULT_FILTERS, range: 'all', appliance: 'web', replica: '2' }).toString()).toBe('appliance=web&replica=2');
  });

  it('sends a custom range as ISO times, and no end when following', () => {
    const f = { ...DEFAULT_FILTERS, range: 'custom' as const, from: '2026-12-03T10:00', to: '2026-12-03T11:00' };
    const q = logsQuery(f);
    expect(new Date(q.get('until') ?? '').getTime() - new Date(q.get('since') ?? '').getTime()).toBe(3_600_000);
    expect(logsQuery(f, { follow: '1' }).has('until')).toBe(false);
  });
});

describe('highlightPieces', () => {
  it('marks every case-insensitive occurrence of plain text, special characters literal', () => {
    expect(highlightPieces('GET /a.b get /a.b', 'get /a.b', false)).toEqual([
      { text: 'GET /a.b', match: true },
      { text: ' ', match: false },
      { text: 'get /a.b', match: true },
    ]);
  });

  it('marks pattern matches, and leaves the line whole for a bad pattern', () => {
    expect(highlightPieces('took 1200ms', '\\d+ms', true)).toEqual([
      { text: 'took ', match: false },
      { text: '1200ms', match: true },
    ]);
    expect(highlightPieces('x(y', '(', true)).toEqual([{ text: 'x(y', match: false }]);
  });
});
