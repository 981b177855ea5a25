'use client';
// Modal dialogs on the native <dialog> element: the browser gives focus trapping, Escape and
// the top layer, so there is no portal or focus library to maintain.
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Alert } from './alert';
import { Button } from './button';

export interface DialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children?: ReactNode;
  footer?: ReactNode;
  /** Makes the body a form: Enter submits, the footer's submit button posts it. */
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  size?: 'sm' | 'md' | 'lg';
  testId?: string;
}

const WIDTHS = { sm: 'max-w-sm', md: 'max-w-md', lg: 'max-w-2xl' };

export function Dialog({ open, title, description, onClose, children, footer, onSubmit, size = 'md', testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  const body = (
    <>
      <div className="px-5 pt-5">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
      </div>
      {children && <div className="space-y-4 px-5 pt-4 text-sm text-slate-700">{children}</div>}
      {footer && <div className="mt-5 flex justify-end gap-2 border-t border-slate-100 bg-slate-50/60 px-5 py-3">{footer}</div>}
      {!footer && <div className="pb-5" />}
    </>
  );

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click is on the backdrop; keyboards close with Escape (onCancel)
    <dialog
      ref={ref}
      data-testid={testId}
      aria-label={title}
      // Escape closes natively; tell the owner so its state agrees.
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${WIDTHS[size]} overflow-hidden rounded-xl bg-white p-0 text-left shadow-2xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/40 backdrop:backdrop-blur-[1px]`}
    >
      {open &&
        (onSubmit ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              onSubmit(e);
            }}
          >
            {body}
          </form>
        ) : (
          body
        ))}
    </dialog>
  );
}

/** "Are you sure?" with the action's own words; shows the action's error in place if it fails. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={props.open}
      title={props.title}
      description={props.description}
      onClose={() => !busy && props.onClose()}
      size="sm"
      testId={props.testId}
      onSubmit={confirm}
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant={props.danger ? 'danger' : 'primary'} busy={busy} data-testid="confirm-button">
            {props.confirmLabel}
          </Button>
        </>
      }
    >
      {props.children}
      {error && <Alert>{error}</Alert>}
    </Dialog>
  );
}
