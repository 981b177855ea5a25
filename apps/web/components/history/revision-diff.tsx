'use client';
// Two revisions side by side (or unified): a short summary of what changed in VDC terms, then
// the canonical YAML diff with unchanged runs folded. Layout (node positions) is left out unless asked.
import { useMemo, useState } from 'react';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Spinner } from '../ui/spinner';
import { describeChanges, hasChanges, manifestChanges } from './manifest-changes';
import { useRevisionManifests } from './use-revision-manifests';
import { countChanges, type DiffSegment, diffTexts, foldUnchanged, isFold, manifestYaml, type NumberedLine, type SideSegment, sideBySide } from './yaml-diff';

const ROW: Record<NumberedLine['kind'], string> = { same: '', removed: 'bg-rose-50', added: 'bg-emerald-50' };
const SIGN: Record<NumberedLine['kind'], string> = { same: ' ', removed: '−', added: '+' };
const SIGN_COLOUR: Record<NumberedLine['kind'], string> = { same: 'text-slate-300', removed: 'text-rose-600', added: 'text-emerald-700' };
const num = 'w-10 select-none px-2 text-right align-top text-slate-500 tabular-nums';
const code = 'whitespace-pre px-2 align-top text-slate-800';

function FoldRow({ fold, colSpan }: { fold: { count: number }; colSpan: number }) {
  return (
    <tr className="bg-slate-50 text-slate-500" data-testid="diff-fold">
      <td colSpan={colSpan} className="px-3 py-0.5 text-[11px] italic">
        ⋯ {fold.count} unchanged {fold.count === 1 ? 'line' : 'lines'}
      </td>
    </tr>
  );
}

function Unified({ segments }: { segments: DiffSegment[] }) {
  return (
    <table className="w-full border-collapse font-mono text-[12px] leading-5" data-testid="diff-unified">
      <tbody>
        {segments.map((s) =>
          isFold(s) ? (
            <FoldRow key={`fold-${s.oldNo}-${s.newNo}`} fold={s} colSpan={4} />
          ) : (
            <tr key={`${s.kind}${s.oldNo ?? ''}-${s.newNo ?? ''}`} className={ROW[s.kind]} data-testid="diff-line" data-kind={s.kind}>
              <td className={num}>{s.oldNo ?? ''}</td>
              <td className={num}>{s.newNo ?? ''}</td>
              <td className={`w-4 select-none text-center align-top ${SIGN_COLOUR[s.kind]}`}>{SIGN[s.kind]}</td>
              <td className={code}>{s.text}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function Cell({ line, side }: { line?: NumberedLine; side: 'old' | 'new' }) {
  const no = side === 'old' ? line?.oldNo : line?.newNo;
  const tone = line && line.kind !== 'same' ? ROW[line.kind] : '';
  return (
    <>
      <td className={`${num} ${tone} ${side === 'new' ? 'border-l border-slate-200' : ''}`}>{no ?? ''}</td>
      <td className={`${code} ${tone} ${line ? '' : 'bg-slate-50'}`} data-testid={line ? 'diff-line' : undefined} data-kind={line?.kind}>
        {line?.text ?? ''}
      </td>
    </>
  );
}

function SideBySide({ rows }: { rows: SideSegment[] }) {
  return (
    <table className="w-full table-fixed border-collapse font-mono text-[12px] leading-5" data-testid="diff-side-by-side">
      <colgroup>
        <col className="w-10" />
        <col />
        <col className="w-10" />
        <col />
      </colgroup>
      <tbody>
        {rows.map((r) =>
          isFold(r) ? (
            <FoldRow key={`fold-${r.oldNo}-${r.newNo}`} fold={r} colSpan={4} />
          ) : (
            // Unique: an unchanged row has both numbers, a paired or lone row at least one of its own.
            <tr key={`${r.left?.oldNo ?? ''}-${r.right?.newNo ?? ''}`}>
              <Cell line={r.left} side="old" />
              <Cell line={r.right} side="new" />
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function Toggle({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (v: boolean) => void; testId: string }) {
  return (
    <label className="flex items-center gap-1.5 text-xs text-slate-600">
      <input type="checkbox" className="accent-indigo-600" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      {label}
    </label>
  );
}

export function RevisionDiff(props: { vdc: { id: string; name: string }; from: number; to: number; onClose: () => void }) {
  const pair = useRevisionManifests(props.vdc, props.from, props.to);
  const [mode, setMode] = useState<'side' | 'unified'>('side');
  const [layout, setLayout] = useState(false);
  const [everyLine, setEveryLine] = useState(false);

  const diff = useMemo(() => {
    if (pair.status !== 'ready') return undefined;
    const lines = diffTexts(manifestYaml(pair.before, { layout }), manifestYaml(pair.after, { layout }));
    const changes = manifestChanges(pair.before, pair.after);
    const segments = foldUnchanged(lines, everyLine ? Number.POSITIVE_INFINITY : 3);
    return { counts: countChanges(lines), changes, segments, rows: sideBySide(segments) };
  }, [pair, layout, everyLine]);

  const summary = diff ? describeChanges(diff.changes) : [];
  const identical = diff && diff.counts.added + diff.counts.removed === 0;
  return (
    <section className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5" data-testid="diff-view" aria-label={`Revision ${props.from} compared with revision ${props.to}`}>
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-slate-900">
          Revision {props.from} → revision {props.to}
        </h2>
        {diff && (
          <span className="text-xs tabular-nums" data-testid="diff-counts">
            <span className="text-emerald-700">+{diff.counts.added}</span> <span className="text-rose-700">−{diff.counts.removed}</span>
          </span>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <Toggle label="Layout" checked={layout} onChange={setLayout} testId="diff-layout" />
          <Toggle label="Every line" checked={everyLine} onChange={setEveryLine} testId="diff-every-line" />
          <fieldset className="inline-flex overflow-hidden rounded-md ring-1 ring-slate-300" aria-label="Diff style">
            {(['side', 'unified'] as const).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                data-testid={`diff-mode-${m}`}
                onClick={() => setMode(m)}
                className={`px-2.5 py-1 text-xs font-medium ${mode === m ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
              >
                {m === 'side' ? 'Side by side' : 'Unified'}
              </button>
            ))}
          </fieldset>
          <Button size="sm" variant="ghost" onClick={props.onClose} data-testid="diff-close">
            Close
          </Button>
        </div>
      </header>
      {pair.status === 'loading' && (
        <p role="status" className="flex items-center gap-2 px-4 py-6 text-sm text-slate-600">
          <Spinner className="text-indigo-600" /> Reading revisions {props.from} and {props.to}…
        </p>
      )}
      {pair.status === 'failed' && (
        <div className="p-4">
          <Alert title="Could not read the revisions">{pair.message}</Alert>
        </div>
      )}
      {diff && (
        <>
          <div className="border-b border-slate-100 bg-slate-50/60 px-4 py-2.5 text-sm" data-testid="diff-summary">
            {summary.length === 0 ? (
              <p className="text-slate-600">The two revisions mean the same VDC.</p>
            ) : (
              <ul className="flex flex-wrap gap-x-5 gap-y-1 text-slate-700">
                {summary.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
            {!layout && diff.changes.layoutChanged && !hasChanges(diff.changes) && (
              <p className="mt-1 text-xs text-slate-500">Only boxes moved on the canvas; tick “Layout” to see where.</p>
            )}
          </div>
          {identical ? (
            <p className="px-4 py-6 text-sm text-slate-600" data-testid="diff-identical">
              No differences in the YAML{layout ? '' : ' (layout left out)'}.
            </p>
          ) : (
            <div className="max-h-[60vh] overflow-auto">{mode === 'side' ? <SideBySide rows={diff.rows} /> : <Unified segments={diff.segments} />}</div>
          )}
        </>
      )}
    </section>
  );
}
