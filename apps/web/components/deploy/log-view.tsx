'use client';
// Log lines that follow the bottom while the reader is there, and stay put once they scroll up.
import { useEffect, useRef } from 'react';

export function LogView({ lines, empty = 'No log lines yet.', className = '' }: { lines: { key: string | number; text: string; prefix?: string }[]; empty?: string; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls whenever lines change
  useEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <div
      ref={box}
      data-testid="log-view"
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
      className={`overflow-y-auto bg-slate-950 px-3 py-2 font-mono text-[11px] leading-relaxed text-slate-200 ${className}`}
    >
      {lines.length === 0 ? (
        <p className="text-slate-400">{empty}</p>
      ) : (
        lines.map((l) => (
          <div key={l.key} className="whitespace-pre-wrap break-all">
            {l.prefix && <span className="mr-2 text-slate-400">{l.prefix}</span>}
            {l.text}
          </div>
        ))
      )}
    </div>
  );
}
