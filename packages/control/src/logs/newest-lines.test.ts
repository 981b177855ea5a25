import { expect, it } from 'vitest';
import type { LogEntry } from './log-entry';
import { mergeByTime, NewestLines } from './newest-lines';

const entry = (time: string, line = time): LogEntry => ({ time, appliance: 'web', replica: 1, container: 'c', stream: 'stdout', level: 'info', line });

it('keeps the newest entries within the count and counts what it dropped', () => {
  const n = new NewestLines(3);
  for (let i = 0; i < 2000; i++) n.push(entry(String(i).padStart(4, '0')));
  expect(n.toArray().map((e) => e.time)).toEqual(['1997', '1998', '1999']);
  expect(n.dropped).toBe(1997);
});

it('keeps within the bytes too, but always the newest entry', () => {
  const n = new NewestLines(100, 10);
  n.push(entry('1', 'aaaaaa'));
  n.push(entry('2', 'bbbbbb'));
  expect(n.toArray().map((e) => e.time)).toEqual(['2']);
  n.push(entry('3', 'c'.repeat(50)));
  expect(n.toArray().map((e) => e.time)).toEqual(['3']);
});

it('merges two time-ordered runs', () => {
  const merged = mergeByTime([entry('1'), entry('4'), entry('5')], [entry('2'), entry('3'), entry('6')]);
  expect(merged.map((e) => e.time)).toEqual(['1', '2', '3', '4', '5', '6']);
});
