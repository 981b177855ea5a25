'use client';
// The manifest as YAML, editable in a code editor (loaded when this tab first opens). Shows the
// canonical text of the drawing unless the user is editing; refused text is marked at its lines
// and listed beside, and stays until fixed or replaced. The drawing's own problems are marked
// in the text too, while the text is the drawing's.
import { docToYaml, type EditorDoc } from '@colo/canvas';
import type { Catalog, Issue } from '@colo/manifest';
import dynamic from 'next/dynamic';
import { useCallback, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { issueMarks, offsetOf } from '../yaml/issue-position';
import { yamlCompletions } from '../yaml/yaml-completions';
import type { YamlDraft } from './use-yaml-draft';

const YamlCodeEditor = dynamic(() => import('../yaml/yaml-code-editor').then((m) => m.YamlCodeEditor), {
  ssr: false,
  loading: () => <div className="h-full flex-1 bg-slate-950 p-3 font-mono text-xs text-slate-400">Loading the YAML editor…</div>,
});

const NO_ISSUES: Issue[] = [];

export function YamlPanel(props: {
  doc: EditorDoc;
  draft: YamlDraft | null;
  /** For completions (class ids, terminals, properties). */
  catalog: Catalog;
  /** The drawing's problems (validator and server), marked in the text while it is the drawing's. */
  issues: Issue[];
  /** A place to put the cursor (a Problems row of this tab was picked). */
  jumpTo?: { line: number; col: number; n: number };
  onChange: (text: string) => void;
  onFocus: () => void;
  onBlur: () => void;
  onDiscard: () => void;
  /** A viewer's editor: the text is shown, not edited. */
  readOnly?: boolean;
}) {
  const { doc, draft, catalog } = props;
  const canonical = useMemo(() => (draft ? '' : docToYaml(doc)), [doc, draft]);
  const text = draft?.text ?? canonical;
  const broken = draft !== null && draft.errors.length > 0;
  const behind = broken && draft.inStepWith !== doc;
  const shownIssues = broken ? draft.errors : draft === null || draft.inStepWith === doc ? props.issues : NO_ISSUES;
  const marks = useMemo(() => issueMarks(text, shownIssues), [text, shownIssues]);
  // The refused text's problems beside the editor, each once, with the path the validator gave.
  const rows = useMemo(
    () => [...new Map(marks.map((m, i) => [`${m.from}:${shownIssues[i]?.path}:${m.message}`, { ...m, path: shownIssues[i]?.path }])).entries()],
    [marks, shownIssues],
  );
  const complete = useCallback((t: string, pos: number) => yamlCompletions(t, pos, catalog), [catalog]);
  const [picked, setPicked] = useState<{ offset: number; n: number }>();
  const fromProblems = props.jumpTo;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the text changing must not move the cursor; only a new pick does
  const jump = useMemo(() => {
    const outside = fromProblems && { offset: offsetOf(text, fromProblems.line, fromProblems.col), n: fromProblems.n };
    return picked && (!outside || picked.n > outside.n) ? picked : outside;
  }, [picked, fromProblems]);

  return (
    <div className="flex h-full min-h-0">
      <YamlCodeEditor
        value={text}
        marks={marks}
        complete={complete}
        readOnly={Boolean(props.readOnly)}
        invalid={broken}
        jump={jump}
        onChange={props.onChange}
        onFocus={props.onFocus}
        onBlur={props.onBlur}
      />
      {broken && (
        <div role="alert" id="yaml-errors" data-testid="yaml-errors" className="w-80 shrink-0 overflow-y-auto border-l border-rose-200 bg-rose-50 p-3 text-xs text-rose-900">
          <p className="font-semibold">Not applied to the canvas</p>
          <p className="mt-0.5 text-rose-800">Your text is kept; fix it and the canvas follows. Save refuses it until then.</p>
          <ul className="mt-2 space-y-1.5">
            {rows.map(([key, m]) => (
              <li key={key}>
                <button
                  type="button"
                  data-testid="yaml-error"
                  onClick={() => setPicked({ offset: m.from, n: Date.now() })}
                  className="w-full rounded text-left font-mono text-[11px] leading-4 hover:bg-rose-100"
                >
                  <span className="font-semibold">
                    line {m.line}, column {m.col}:
                  </span>{' '}
                  {m.path ? `${m.path}: ` : ''}
                  {m.message}
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-3 border-t border-rose-200 pt-3">
            {behind && <p className="mb-2 text-rose-800">The canvas has changed since you started typing.</p>}
            <Button size="sm" onClick={props.onDiscard}>
              Replace with the canvas
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
