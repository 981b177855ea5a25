'use client';
// The YAML tab's code editor: CodeMirror 6 with line numbers, YAML highlighting, the issues as
// lint markers (gutter and underline, words on hover) and schema completions. Loaded only when
// the tab opens (yaml-panel imports it lazily), so the canvas page does not carry it.
import { autocompletion, type Completion, type CompletionContext, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { Annotation, Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import type { TextMark } from './issue-position';
import type { YamlCompletion, YamlCompletions } from './yaml-completions';

export interface YamlCodeEditorProps {
  value: string;
  marks: TextMark[];
  complete: (text: string, pos: number) => YamlCompletions | undefined;
  readOnly: boolean;
  invalid: boolean;
  onChange: (text: string) => void;
  onFocus: () => void;
  onBlur: () => void;
  /** Put the cursor there and focus (a problem was picked); `n` makes each pick a new one. */
  jump?: { offset: number; n: number };
}

/** Set on changes that come from the props, so they are not echoed back as the user's typing. */
const external = Annotation.define<boolean>();

const highlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: '#93c5fd' },
  { tag: [tags.string, tags.special(tags.string)], color: '#fcd34d' },
  { tag: tags.content, color: '#e2e8f0' },
  { tag: tags.lineComment, color: '#64748b', fontStyle: 'italic' },
  { tag: [tags.separator, tags.punctuation, tags.squareBracket, tags.brace, tags.meta], color: '#94a3b8' },
  { tag: [tags.labelName, tags.typeName, tags.keyword], color: '#c4b5fd' },
]);

const theme = EditorView.theme(
  {
    '&': { height: '100%', backgroundColor: '#020617', color: '#f1f5f9', fontSize: '12px' },
    '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', lineHeight: '20px' },
    '.cm-content': { caretColor: '#f8fafc', padding: '8px 0' },
    '&.cm-focused .cm-cursor': { borderLeftColor: '#f8fafc' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: '#334155' },
    '.cm-gutters': { backgroundColor: '#0f172a', color: '#94a3b8', border: 'none' },
    '.cm-activeLine': { backgroundColor: '#0f172a80' },
    '.cm-activeLineGutter': { backgroundColor: '#1e293b', color: '#e2e8f0' },
    '.cm-tooltip': { backgroundColor: '#0f172a', color: '#f1f5f9', border: '1px solid #334155' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: '#4338ca', color: '#fff' },
    '.cm-completionDetail': { color: '#cbd5e1', marginLeft: '0.75em' },
    '.cm-diagnostic-error': { borderLeftColor: '#fb7185' },
    '.cm-diagnostic-warning': { borderLeftColor: '#fbbf24' },
  },
  { dark: true },
);

const TYPES: Record<YamlCompletion['kind'], string> = { key: 'property', class: 'class', terminal: 'variable', value: 'enum', appliance: 'variable' };

function diagnostics(marks: TextMark[], length: number): Diagnostic[] {
  return marks.map((m) => {
    const from = Math.min(m.from, length);
    return { from, to: Math.min(Math.max(m.to, from), length), severity: m.severity, message: m.message };
  });
}

function settings(props: { readOnly: boolean; invalid: boolean }) {
  return [
    EditorState.readOnly.of(props.readOnly),
    EditorView.editable.of(!props.readOnly),
    EditorView.contentAttributes.of({
      'aria-label': 'Manifest YAML',
      'data-testid': 'yaml-editor',
      ...(props.invalid ? { 'aria-invalid': 'true', 'aria-describedby': 'yaml-errors' } : {}),
    }),
  ];
}

export function YamlCodeEditor(props: YamlCodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const options = useRef(new Compartment());

  // One view for the component's life; props reach it through `latest` and the effects below.
  useEffect(() => {
    if (!host.current) return;
    const source = (ctx: CompletionContext) => {
      const found = latest.current.complete(ctx.state.doc.toString(), ctx.pos);
      if (!found || (!ctx.explicit && found.from === ctx.pos && !/[:\-[{,]\s*$/.test(ctx.state.sliceDoc(Math.max(0, ctx.pos - 3), ctx.pos)))) return null;
      const list: Completion[] = found.options.map((o) => ({ label: o.label, detail: o.detail, info: o.info, type: TYPES[o.kind], apply: o.apply }));
      return { from: found.from, options: list, validFor: /^[\w@./-]*$/ };
    };
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          lintGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          yaml(),
          syntaxHighlighting(highlight),
          autocompletion({ override: [source] }),
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorState.tabSize.of(2),
          theme,
          options.current.of(settings(latest.current)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(external))) latest.current.onChange(update.state.doc.toString());
            if (update.focusChanged) (update.view.hasFocus ? latest.current.onFocus : latest.current.onBlur)();
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  // The text from outside (the canvas changed, or Replace with the canvas).
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === props.value) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value }, annotations: external.of(true) });
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({ effects: options.current.reconfigure(settings({ readOnly: props.readOnly, invalid: props.invalid })) });
  }, [props.readOnly, props.invalid]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, diagnostics(props.marks, v.state.doc.length)));
  }, [props.marks]);

  useEffect(() => {
    const v = view.current;
    if (!v || !props.jump) return;
    const at = Math.min(props.jump.offset, v.state.doc.length);
    v.dispatch({ selection: EditorSelection.cursor(at), scrollIntoView: true });
    v.focus();
  }, [props.jump]);

  return <div ref={host} className="h-full min-w-0 flex-1 overflow-hidden" />;
}
