'use client';
// "Restore your unsaved changes?" — offered when the editor opens and finds a draft that differs
// from what the server has.
import { Button } from '@/components/ui/button';
import type { StoredDraft } from './local-draft';

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'earlier' : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function DraftBanner(props: { draft: StoredDraft; latestRevision: number; onRestore: () => void; onDiscard: () => void }) {
  const { draft, latestRevision } = props;
  const older = draft.baseRevision < latestRevision;
  return (
    <div role="status" data-testid="draft-banner" className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950">
      <span aria-hidden className="size-2 shrink-0 rounded-full bg-amber-500" />
      <p className="min-w-0 flex-1">
        <strong className="font-semibold">Restore your unsaved changes?</strong> You left edits of revision {draft.baseRevision} unsaved ({when(draft.savedAt)}).
        {older && ` The VDC has moved on to revision ${latestRevision}; saving a restored draft will ask before overwriting it.`}
      </p>
      <Button size="sm" variant="ghost" onClick={props.onDiscard} data-testid="draft-discard">
        Discard
      </Button>
      <Button size="sm" variant="primary" onClick={props.onRestore} data-testid="draft-restore">
        Restore
      </Button>
    </div>
  );
}
