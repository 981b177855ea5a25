'use client';
// Save, with a dot while there are unsaved changes.
import { Button } from '@/components/ui/button';

export function SaveButton({ dirty, saving, onSave }: { dirty: boolean; saving: boolean; onSave: () => void }) {
  return (
    <Button
      data-testid="save-button"
      data-dirty={dirty || undefined}
      variant="secondary"
      busy={saving}
      onClick={onSave}
      title={dirty ? 'Save a new revision (Ctrl+S) — you have unsaved changes' : 'Everything is saved (Ctrl+S)'}
      aria-label={dirty ? 'Save (unsaved changes)' : 'Save'}
      className="relative"
    >
      Save
      {dirty && !saving && <span aria-hidden className="absolute -top-1 -right-1 size-2.5 rounded-full bg-amber-500 ring-2 ring-white" />}
    </Button>
  );
}
