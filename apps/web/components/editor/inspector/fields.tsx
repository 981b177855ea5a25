'use client';
// The inspector's controls. Each edits the document as the user types (one undo step per field
// visit: the store coalesces by field and seals on blur), keeps a half-typed value locally
// until it means something, and shows the validator's complaint about its field underneath —
// the same words Problems, the API and the CLI use — tied to the input for screen readers
// (aria-invalid, aria-describedby).
import { type ReactNode, useId, useState } from 'react';

/** What an input says about its field's message: invalid or not, and which text describes it. */
export interface FieldAria {
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

function fieldAria(messageId: string, problem: string | undefined, hint: ReactNode): FieldAria {
  if (problem) return { 'aria-invalid': true, 'aria-describedby': messageId };
  return hint ? { 'aria-describedby': messageId } : {};
}

const INPUT =
  'block h-8 w-full rounded-md border bg-white px-2.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-2 focus:-outline-offset-1 disabled:bg-slate-50';

export function inputClass(invalid: boolean): string {
  return `${INPUT} ${invalid ? 'border-rose-400 focus:outline-rose-500' : 'border-slate-300 focus:outline-indigo-500'}`;
}

export function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="space-y-3 border-t border-slate-100 px-4 py-4 first:border-t-0">
      <div className="flex items-center justify-between">
        <h3 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

export function FieldFrame(props: { label: ReactNode; hint?: ReactNode; problem?: string; children: (id: string, aria: FieldAria) => ReactNode }) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {props.label}
      </label>
      {props.children(id, fieldAria(messageId, props.problem, props.hint))}
      {props.problem ? (
        <p id={messageId} data-testid="field-problem" className="text-xs text-rose-700">
          {props.problem}
        </p>
      ) : (
        props.hint && (
          <p id={messageId} className="text-[11px] text-slate-500">
            {props.hint}
          </p>
        )
      )}
    </div>
  );
}

export function NumberField(props: {
  label: ReactNode;
  value: number | undefined;
  placeholder?: string;
  min?: number;
  max?: number;
  step?: number;
  integer?: boolean;
  hint?: ReactNode;
  problem?: string;
  testId?: string;
  onChange: (value: number | undefined) => void;
  onDone: () => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (props.value === undefined ? '' : String(props.value));
  const change = (text: string) => {
    setDraft(text);
    if (text.trim() === '') return props.onChange(undefined);
    const n = Number(text);
    if (Number.isFinite(n) && (!props.integer || Number.isInteger(n))) props.onChange(n);
  };
  const local = draft !== null && draft.trim() !== '' && !Number.isFinite(Number(draft)) ? 'not a number' : undefined;
  return (
    <FieldFrame label={props.label} hint={props.hint} problem={local ?? props.problem}>
      {(id, aria) => (
        <input
          id={id}
          {...aria}
          type="number"
          inputMode={props.integer ? 'numeric' : 'decimal'}
          data-testid={props.testId}
          value={shown}
          min={props.min}
          max={props.max}
          step={props.step ?? (props.integer ? 1 : 'any')}
          placeholder={props.placeholder}
          onChange={(e) => change(e.target.value)}
          onBlur={() => {
            setDraft(null);
            props.onDone();
          }}
          className={inputClass(Boolean(local ?? props.problem))}
        />
      )}
    </FieldFrame>
  );
}

export function TextField(props: {
  label: ReactNode;
  value: string | undefined;
  placeholder?: string;
  hint?: ReactNode;
  problem?: string;
  mono?: boolean;
  testId?: string;
  onChange: (value: string) => void;
  onDone: () => void;
}) {
  return (
    <FieldFrame label={props.label} hint={props.hint} problem={props.problem}>
      {(id, aria) => (
        <input
          id={id}
          {...aria}
          data-testid={props.testId}
          value={props.value ?? ''}
          placeholder={props.placeholder}
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
          onBlur={props.onDone}
          className={`${inputClass(Boolean(props.problem))} ${props.mono ? 'font-mono' : ''}`}
        />
      )}
    </FieldFrame>
  );
}

export function CheckField(props: {
  label: ReactNode;
  checked: boolean;
  hint?: ReactNode;
  problem?: string;
  onChange: (checked: boolean) => void;
  testId?: string;
}) {
  const id = useId();
  const problemId = `${id}-problem`;
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? problemId : undefined}
        checked={props.checked}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.checked)}
        className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 accent-indigo-600"
      />
      <label htmlFor={id} className="text-sm text-slate-800">
        {props.label}
        {props.hint && <span className="block text-[11px] text-slate-500">{props.hint}</span>}
        {props.problem && (
          <span id={problemId} data-testid="field-problem" className="block text-xs text-rose-700">
            {props.problem}
          </span>
        )}
      </label>
    </div>
  );
}
