'use client';
// The manifest as YAML, editable. Shows the canonical text of the drawing unless the user is
// editing; broken text is listed with its line and column and stays until fixed or replaced.
import { docToYaml, type EditorDoc } from '@colo/canvas';
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import type { YamlDraft } from './use-yaml-draft';

export function YamlPanel(props: {
  doc: EditorDoc;
  draft: YamlDraft | null;
  onChange: (text: string) => void;
  onFocus: () => void;
  onBlur: () => void;
  onDiscard: () => void;
  /** A viewer's editor: the text is shown, not edited. */
  readOnly?: boolean;
}) {
  const { doc, draft } = props;
  const canonical = useMemo(() => (draft ? '' : docToYaml(doc)), [doc, draft]);
  const broken = draft !== null && draft.errors.length > 0;
  const behind = broken && draft.inStepWith !== doc;

  return (
    <div className="flex h-full min-h-0">
      <textarea
        data-testid="yaml-editor"
        aria-label="Manifest YAML"
        aria-invalid={broken || undefined}
        spellCheck={false}
        readOnly={props.readOnly}
        value={draft?.text ?? canonical}
        onChange={(e) => props.onChange(e.target.value)}
        onFocus={props.onFocus}
        onBlur={props.onBlur}
        className={`h-full min-w-0 flex-1 resize-none border-0 bg-slate-950 p-3 font-mono text-[12px] leading-5 text-slate-100 outline-none focus:ring-2 focus:ring-inset ${
          broken ? 'focus:ring-rose-500' : 'focus:ring-indigo-500'
        }`}
      />
      {broken && (
        <div role="alert" data-testid="yaml-errors" className="w-80 shrink-0 overflow-y-auto border-l border-rose-200 bg-rose-50 p-3 text-xs text-rose-900">
          <p className="font-semibold">Not applied to the canvas</p>
          <p className="mt-0.5 text-rose-800">Your text is kept; fix it and the canvas follows.</p>
          <ul className="mt-2 space-y-1.5">
            {[...new Set(draft.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)))].map((line) => (
              <li key={line} className="font-mono text-[11px] leading-4">
                {line}
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
