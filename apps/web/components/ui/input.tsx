// Text inputs and the label/hint/error frame around any control, wired for screen readers.
import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

export function Input({ className = '', invalid, ...rest }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return (
    <input
      className={`block h-9 w-full rounded-md border bg-white px-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-2 focus:-outline-offset-1 disabled:bg-slate-50 disabled:text-slate-500 ${
        invalid ? 'border-rose-400 focus:outline-rose-500' : 'border-slate-300 focus:outline-indigo-500'
      } ${className}`}
      aria-invalid={invalid || undefined}
      {...rest}
    />
  );
}

/** A labelled field: renders `children(id, describedBy)` so the control gets the right ids. */
export function Field(props: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.error ? errorId : null, props.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {props.label}
      </label>
      {props.children({ id, describedBy, invalid: Boolean(props.error) })}
      {props.error ? (
        <p id={errorId} className="text-sm text-rose-700">
          {props.error}
        </p>
      ) : (
        props.hint && (
          <p id={hintId} className="text-xs text-slate-500">
            {props.hint}
          </p>
        )
      )}
    </div>
  );
}
