'use client';
// The steps of one operation with their status, and the error right under the step it hit.
import { useEffect, useRef } from 'react';
import { Spinner } from '../ui/spinner';
import type { StepBody } from './types';

function StepIcon({ status }: { status: string }) {
  if (status === 'running') return <Spinner className="text-indigo-600" />;
  if (status === 'done') return <span className="text-emerald-600">✓</span>;
  if (status === 'failed') return <span className="text-rose-600">✕</span>;
  if (status === 'skipped') return <span className="text-slate-500">–</span>;
  return <span className="text-slate-300">○</span>;
}

/** `rawErrors` false: the failure is explained above, so Docker's words fold away under the step. */
export function OperationSteps({ steps, rawErrors = true }: { steps: StepBody[]; rawErrors?: boolean }) {
  const list = useRef<HTMLOListElement>(null);
  // Keeps the step that matters in sight in a long plan: the first failure, else the first running.
  const focus = steps.find((s) => s.status === 'failed') ?? steps.find((s) => s.status === 'running');
  const focusKey = focus?.key;
  useEffect(() => {
    if (!focusKey) return;
    list.current?.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [focusKey]);
  if (steps.length === 0) return <p className="px-3 py-2 text-xs text-slate-500">No steps yet.</p>;
  return (
    <ol ref={list} className="divide-y divide-slate-100">
      {steps.map((s) => (
        <li key={s.key} data-key={s.key} data-testid="operation-step" data-status={s.status} className="px-3 py-1.5">
          <div className="flex items-center gap-2 text-xs">
            <span className="flex w-4 justify-center">
              <StepIcon status={s.status} />
            </span>
            <span className={`min-w-0 flex-1 truncate ${s.status === 'pending' || s.status === 'skipped' ? 'text-slate-500' : 'text-slate-800'}`} title={s.title}>
              {s.title}
            </span>
          </div>
          {s.error &&
            (rawErrors ? (
              <p className="mt-1 ml-6 whitespace-pre-wrap break-words text-xs text-rose-700">{s.error}</p>
            ) : (
              <details className="mt-1 ml-6 text-xs text-rose-700">
                <summary className="cursor-pointer">Docker's words</summary>
                <p className="whitespace-pre-wrap break-words">{s.error}</p>
              </details>
            ))}
        </li>
      ))}
    </ol>
  );
}
