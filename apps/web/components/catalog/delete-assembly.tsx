'use client';
// Deleting an assembly (its owner only): it leaves every catalog, while VDCs that place one of
// its versions keep that version and still deploy.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/dialog';
import { useToast } from '../ui/toast';

export function DeleteAssembly({ id, title, usedBy }: { id: string; title: string; usedBy: number }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)} data-testid="delete-assembly">
        Delete assembly
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete “${title}”?`}
        description="It disappears from the catalog for you and everyone it is shared or published to; nobody can place it again."
        confirmLabel="Delete assembly"
        danger
        testId="delete-assembly-dialog"
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          await apiFetch(`/assemblies/${encodeURIComponent(id)}`, { method: 'DELETE' });
          toast(`Deleted “${title}”`);
          router.push('/catalog');
          router.refresh();
        }}
      >
        <p className="text-slate-600">
          VDCs that already use one of its versions keep working: they keep that version and can still be deployed, changed and cloned.
          {usedBy > 0 && ` ${usedBy} of your VDCs use it.`}
        </p>
      </ConfirmDialog>
    </>
  );
}
