import { expect, it } from 'vitest';
import { matchesLine, matchesTime } from './log-filter';

it('keeps lines at the asked level or more severe', () => {
  expect(matchesLine({ line: 'x', level: 'error' }, { level: 'warn' })).toBe(true);
  expect(matchesLine({ line: 'x', level: 'warn' }, { level: 'warn' })).toBe(true);
  expect(matchesLine({ line: 'x', level: 'info' }, { level: 'warn' })).toBe(false);
  expect(matchesLine({ line: 'x', level: 'debug' }, {})).toBe(true);
});

it('needs both the text and the pattern when both are given', () => {
  const query = { text: 'checkout', pattern: /took \d{4,}ms/i };
  expect(matchesLine({ line: 'Checkout took 1200ms', level: 'info' }, query)).toBe(true);
  expect(matchesLine({ line: 'Checkout took 12ms', level: 'info' }, query)).toBe(false);
  expect(matchesLine({ line: 'cart took 1200ms', level: 'info' }, query)).toBe(false);
});

it('takes since inclusive and until exclusive, to the millisecond of a nanosecond stamp', () => {
  const since = Date.parse('2026-12-03T12:00:00.500Z');
  const until = Date.parse('2026-12-03T12:00:01Z');
  const at = (time: string) => matchesTime({ time }, { since, until });
  expect(at('2026-12-03T12:00:00.499999999Z')).toBe(false);
  expect(at('2026-12-03T12:00:00.500000001Z')).toBe(true);
  expect(at('2026-12-03T12:00:00.999999999Z')).toBe(true);
  expect(at('2026-12-03T12:00:01.000000000Z')).toBe(false);
});
