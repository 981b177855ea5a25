'use client';
// The "…" menu of a row: the actions that are not "open".
import { useMenu } from '../ui/use-menu';

export function RowMenu({ name, onRename, onDelete }: { name: string; onRename: () => void; onDelete: () => void }) {
  const { open, setOpen, root } = useMenu();

  const item = 'block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50';
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-label={`Actions for ${name}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        data-testid={`vdc-actions-${name}`}
        className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden>
          <circle cx="4" cy="10" r="1.6" />
          <circle cx="10" cy="10" r="1.6" />
          <circle cx="16" cy="10" r="1.6" />
        </svg>
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-20 mt-1 w-40 overflow-hidden rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-900/10">
          <button
            type="button"
            role="menuitem"
            className={`${item} text-slate-700`}
            onClick={() => {
              setOpen(false);
              onRename();
            }}
          >
            Rename…
          </button>
          <button
            type="button"
            role="menuitem"
            className={`${item} text-rose-700`}
            onClick={() => {
              setOpen(false);
              onDelete();
            }}
          >
            Delete…
          </button>
        </div>
      )}
    </div>
  );
}
