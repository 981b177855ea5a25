'use client';
import Link from 'next/link';
import { ApiError, apiFetch } from '../ui/api-fetch';
import { ConfirmDialog } from '../ui/dialog';
import { editorHref } from './types';

function explain(err: unknown, name: string): Error {
  if (!(err instanceof ApiError)) return err as Error;
  if (err.code === 'not_destroyed') {
    return new Error(
      `“${name}” still has containers, networks or volumes in Docker. Destroy it first — open it and choose Destroy (with “purge” to remove its data too) — then delete it here.`,
    );
  }
  if (err.code === 'operation_running') return new Error(`An operation is running on “${name}”. Delete it when that has finished.`);
  return err;
}

export function DeleteVdcDialog(props: { vdc: string | null; onClose: () => void; onDeleted: (name: string) => void }) {
  const name = props.vdc ?? '';
  return (
    <ConfirmDialog
      open={props.vdc !== null}
      title={`Delete “${name}”?`}
      description="Colo forgets this VDC and all its revisions. This cannot be undone."
      confirmLabel="Delete VDC"
      danger
      testId="delete-vdc-dialog"
      onClose={props.onClose}
      onConfirm={async () => {
        try {
          await apiFetch(`/vdcs/${encodeURIComponent(name)}`, { method: 'DELETE' });
        } catch (err) {
          throw explain(err, name);
        }
        props.onDeleted(name);
      }}
    >
      <p className="text-slate-600">
        Only a VDC with nothing left in Docker can be deleted. If it was ever deployed,{' '}
        <Link href={editorHref(name)} className="font-medium text-indigo-600 hover:text-indigo-500">
          open it
        </Link>{' '}
        and destroy it first.
      </p>
    </ConfirmDialog>
  );
}
