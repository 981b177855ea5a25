'use client';
// Rename from the editor: the pencil by the VDC's name in the toolbar opens the list's rename
// dialog (the same PATCH /vdcs/:name). A rename saves a revision, so unsaved changes must be saved
// first; afterwards the editor loads again under the new name (its address changes with it).
import { useState } from 'react';
import { RenameVdcDialog, renamedRef } from '../vdc-list/rename-vdc-dialog';
import { editorHref } from '../vdc-list/types';

export function RenameVdcButton(props: { vdcName: string; dirty: boolean; readOnly?: string }) {
  const [open, setOpen] = useState(false);
  const why = props.readOnly ? `viewers cannot rename: ${props.readOnly}` : props.dirty ? 'Save your changes first: a rename saves a new revision' : undefined;
  return (
    <>
      {/* A disabled button fires no events, so the reason sits on a wrapper. */}
      <span title={why ?? 'Rename this VDC'} className="flex">
        <button
          type="button"
          aria-label="Rename this VDC"
          disabled={why !== undefined}
          onClick={() => setOpen(true)}
          data-testid="rename-vdc-button"
          className="grid size-7 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-500 disabled:hover:bg-transparent"
        >
          <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
            <path d="M4 20h4L18.5 9.5a2.1 2.1 0 0 0-3-3L5 17v3" />
            <path d="m13.5 8.5 3 3" />
          </svg>
        </button>
      </span>
      <RenameVdcDialog
        vdc={open ? props.vdcName : null}
        onClose={() => setOpen(false)}
        onRenamed={(from, to) => {
          // A full load: the editor's document, revision and live stream all belong to the old name.
          window.location.assign(editorHref(renamedRef(from, to)));
        }}
      />
    </>
  );
}
