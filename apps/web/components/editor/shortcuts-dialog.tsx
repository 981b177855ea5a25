'use client';
import { Dialog } from '@/components/ui/dialog';
import { SHORTCUTS } from './use-editor-shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" size="md" testId="shortcuts-dialog">
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 pb-1">
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="contents">
            <dt className="flex items-center gap-1">
              {s.keys.map((k) => (
                <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-[11px] text-slate-700 shadow-[0_1px_0_rgb(0_0_0/0.08)]">
                  {k}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-700">{s.what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
