'use client';
// Deploy, Stop or Start from the list's row menu: one confirm saying what it does, then the
// operation is requested (202) and followed by the list's own polling; the editor shows it live.
import Link from 'next/link';
import { ApiError, apiFetch } from '../ui/api-fetch';
import { ConfirmDialog } from '../ui/dialog';
import { editorHref } from './types';

export type LifecycleAction = 'deploy' | 'stop' | 'start';

const COPY: Record<LifecycleAction, { verb: string; what: (name: string, revision: number) => string }> = {
  deploy: {
    verb: 'Deploy',
    what: (name, revision) => `Colo makes what runs match revision #${revision} of ${name}: containers, networks and volumes are created or changed as needed.`,
  },
  stop: { verb: 'Stop', what: (name) => `Stops every container of ${name}, clients before their servers. Containers, networks and data volumes are kept.` },
  start: { verb: 'Start', what: (name) => `Starts every stopped container of ${name}, servers before their clients, waiting for each to be healthy.` },
};

function explain(err: unknown, name: string): Error {
  if (err instanceof ApiError && err.code === 'operation_running') return new Error(`An operation is running on “${name}”. Try again when it has finished.`);
  return err as Error;
}

export function LifecycleDialog(props: {
  request: { action: LifecycleAction; vdc: string; revision: number } | null;
  onClose: () => void;
  onRequested: (action: LifecycleAction, vdc: string) => void;
}) {
  const action = props.request?.action ?? 'deploy';
  const name = props.request?.vdc ?? '';
  const copy = COPY[action];
  return (
    <ConfirmDialog
      open={props.request !== null}
      title={`${copy.verb} “${name}”?`}
      description={copy.what(name, props.request?.revision ?? 0)}
      confirmLabel={copy.verb}
      testId="vdc-lifecycle-dialog"
      onClose={props.onClose}
      onConfirm={async () => {
        try {
          await apiFetch(`/vdcs/${encodeURIComponent(name)}/${action}`, { method: 'POST', body: {} });
        } catch (err) {
          throw explain(err, name);
        }
        props.onRequested(action, name);
      }}
    >
      {action === 'deploy' && (
        <p className="text-slate-600">
          To see the plan first, or follow it step by step,{' '}
          <Link href={editorHref(name)} className="font-medium text-indigo-700 hover:text-indigo-600">
            open it
          </Link>{' '}
          and deploy from the editor.
        </p>
      )}
    </ConfirmDialog>
  );
}
