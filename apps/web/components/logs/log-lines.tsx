'use client';
// Log entries as rows: time, appliance#replica, level, the line with what the filter matched
// highlighted. Stays at the bottom while the reader is there (following), put once they scroll up.
import type { LogEntry } from '@colo/api';
import { useEffect, useRef } from 'react';
import { highlightPieces } from './log-filters';

const LEVEL_CLASS: Record<LogEntry['level'], string> = {
  error: 'text-rose-300',
  warn: 'text-amber-300',
  info: 'text-sky-300',
  debug: 'text-slate-400',
};

function clock(time: string): string {
  const t = new Date(time.length > 24 ? `${time.slice(0, 23)}Z` : time);
  if (Number.isNaN(t.getTime())) return '';
  return `${t.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${t.toLocaleTimeString(undefined, { hour12: false })}.${String(t.getMilliseconds()).padStart(3, '0')}`;
}

export function LogLines(props: { entries: (LogEntry & { key: number })[]; highlight: { text: string; pattern: boolean }; showAppliance: boolean; empty: string }) {
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls whenever the entries change
  useEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [props.entries]);
  return (
    <div
      ref={box}
      role="log"
      aria-label="Log lines"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls; keyboard users need to reach it to scroll it
      tabIndex={0}
      data-testid="logs-lines"
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
      className="h-[28rem] overflow-y-auto bg-slate-950 px-3 py-2 font-mono text-[11px] leading-relaxed text-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-400"
    >
      {props.entries.length === 0 ? (
        <p className="text-slate-400">{props.empty}</p>
      ) : (
        props.entries.map((e) => (
          <div key={e.key} className="flex gap-2" data-testid="logs-line" data-level={e.level} data-appliance={e.appliance} data-replica={e.replica}>
            <time dateTime={e.time} className="shrink-0 text-slate-400" title={e.time}>
              {clock(e.time)}
            </time>
            {props.showAppliance && <span className="shrink-0 text-violet-300">{`${e.appliance}#${e.replica}`}</span>}
            <span className={`w-10 shrink-0 uppercase ${LEVEL_CLASS[e.level]}`}>{e.level}</span>
            <span className={`min-w-0 whitespace-pre-wrap break-all ${e.stream === 'stderr' ? 'text-orange-100' : ''}`}>
              {highlightPieces(e.line, props.highlight.text, props.highlight.pattern).map((p, i) =>
                p.match ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one line never reorder
                  <mark key={i} className="rounded-sm bg-yellow-300 px-0.5 text-slate-950" data-testid="logs-match">
                    {p.text}
                  </mark>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one line never reorder
                  <span key={i}>{p.text}</span>
                ),
              )}
            </span>
          </div>
        ))
      )}
    </div>
  );
}
