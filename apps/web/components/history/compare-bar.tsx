'use client';
// Pick any two revisions to compare; defaults to the newest and the one before it.
import { useEffect, useState } from 'react';
import { Button } from '../ui/button';
import type { RevisionBody } from './types';

const selectClass = 'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-500';

export function CompareBar({ revisions, onCompare }: { revisions: RevisionBody[]; onCompare: (from: number, to: number) => void }) {
  const numbers = revisions.map((r) => r.number).sort((a, b) => b - a);
  const newest = numbers[0] ?? 0;
  const [from, setFrom] = useState(numbers[1] ?? newest);
  const [to, setTo] = useState(newest);
  // A new revision saved meanwhile becomes the default "to".
  const previous = numbers[1] ?? newest;
  useEffect(() => {
    setTo(newest);
    setFrom((f) => (f >= newest ? previous : f));
  }, [newest, previous]);

  if (numbers.length < 2) {
    return <p className="text-xs text-slate-500">Save a second revision in the editor to compare revisions.</p>;
  }
  return (
    <form
      className="flex flex-wrap items-center gap-2 text-sm text-slate-700"
      onSubmit={(e) => {
        e.preventDefault();
        if (from !== to) onCompare(Math.min(from, to), Math.max(from, to));
      }}
    >
      <label htmlFor="compare-from">Compare revision</label>
      <select id="compare-from" className={selectClass} value={from} onChange={(e) => setFrom(Number(e.target.value))} data-testid="compare-from">
        {numbers.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <label htmlFor="compare-to">with</label>
      <select id="compare-to" className={selectClass} value={to} onChange={(e) => setTo(Number(e.target.value))} data-testid="compare-to">
        {numbers.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <Button type="submit" size="sm" disabled={from === to} title={from === to ? 'Pick two different revisions' : undefined} data-testid="compare-button">
        Compare
      </Button>
    </form>
  );
}
