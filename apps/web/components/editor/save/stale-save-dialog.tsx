'use client';
// The 409 answer, in words: someone saved revision N while you edited revision M. Both ways out
// are explicit; closing the dialog keeps editing with nothing lost.
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { Conflict } from './use-save';

export function StaleSaveDialog(props: {
  vdcName: string;
  conflict: Conflict | null;
  onReloadTheirs: () => Promise<void>;
  onOverwrite: () => Promise<boolean>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState<'theirs' | 'mine' | null>(null);
  const run = (which: 'theirs' | 'mine', action: () => Promise<unknown>) => async () => {
    setBusy(which);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  };
  const { conflict } = props;
  return (
    <Dialog
      open={conflict !== null}
      title="Someone else saved this VDC"
      testId="stale-save-dialog"
      onClose={() => busy === null && props.onClose()}
      description={
        conflict && (
          <>
            Revision <strong>{conflict.theirs}</strong> of <span className="font-mono">{props.vdcName}</span> was saved while you were
            editing revision {conflict.mine}. Your changes are not saved yet.
          </>
        )
      }
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy !== null}>
            Keep editing
          </Button>
          <Button data-testid="stale-reload" onClick={run('theirs', props.onReloadTheirs)} busy={busy === 'theirs'} disabled={busy !== null}>
            Reload theirs
          </Button>
          <Button variant="primary" data-testid="stale-overwrite" onClick={run('mine', props.onOverwrite)} busy={busy === 'mine'} disabled={busy !== null}>
            Overwrite with mine
          </Button>
        </>
      }
    >
      <ul className="list-disc space-y-1 pl-5 text-slate-600">
        <li>
          <strong className="text-slate-800">Reload theirs</strong> shows revision {conflict?.theirs}; your version stays one undo (Ctrl+Z) away until
          you leave the page.
        </li>
        <li>
          <strong className="text-slate-800">Overwrite with mine</strong> saves your drawing as the next revision, on top of theirs (theirs stays in the
          revision history).
        </li>
      </ul>
    </Dialog>
  );
}
