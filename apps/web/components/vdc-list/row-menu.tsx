'use client';
// The "…" menu of a row: every action on one VDC. Lifecycle items follow its state (Stop when it
// runs, Start when it is stopped, both after a failure); a viewer sees only what reads (Open,
// Duplicate into a team of their own, Export). The keyboard is the shared menu hook's.
import Link from 'next/link';
import { useMenu } from '../ui/use-menu';
import { editorHref, type VdcRow } from './types';

export type RowAction = 'deploy' | 'stop' | 'start' | 'duplicate' | 'rename' | 'delete';

/** The lifecycle actions that apply to a VDC in `state`. */
export function lifecycleActions(state: string): ('deploy' | 'stop' | 'start')[] {
  if (state === 'running') return ['deploy', 'stop'];
  if (state === 'stopped') return ['deploy', 'start'];
  if (state === 'failed') return ['deploy', 'stop', 'start'];
  return ['deploy'];
}

const LABELS: Record<RowAction, string> = {
  deploy: 'Deploy',
  stop: 'Stop',
  start: 'Start',
  duplicate: 'Duplicate…',
  rename: 'Rename…',
  delete: 'Delete…',
};

export function RowMenu(props: { vdc: VdcRow; vdcRef: string; canDuplicate: boolean; onAction: (action: RowAction) => void }) {
  const { open, setOpen, root } = useMenu();
  const { vdc, vdcRef } = props;
  const writer = vdc.team?.role !== 'viewer';
  const busy = vdc.lastOperation?.status === 'queued' || vdc.lastOperation?.status === 'running';
  const item = 'block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50 focus:bg-slate-100 focus:outline-none disabled:cursor-not-allowed disabled:text-slate-500';

  const button = (action: RowAction, extra = 'text-slate-700') => (
    <button
      key={action}
      type="button"
      role="menuitem"
      className={`${item} ${extra}`}
      // The server would refuse, or queue it behind the running one: say why instead.
      disabled={busy && action !== 'duplicate'}
      title={busy && action !== 'duplicate' ? `An operation is running on ${vdc.name}` : undefined}
      onClick={() => {
        setOpen(false);
        props.onAction(action);
      }}
      data-testid={`vdc-menu-${action}`}
    >
      {LABELS[action]}
    </button>
  );

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-label={`Actions for ${vdc.name}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        data-testid={`vdc-actions-${vdc.name}`}
        className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden>
          <circle cx="4" cy="10" r="1.6" />
          <circle cx="10" cy="10" r="1.6" />
          <circle cx="16" cy="10" r="1.6" />
        </svg>
      </button>
      {open && (
        <div
          role="menu"
          aria-label={`Actions for ${vdc.name}`}
          className="absolute right-0 z-20 mt-1 w-44 overflow-hidden rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-900/10"
          data-testid={`vdc-menu-${vdc.name}`}
        >
          <Link role="menuitem" href={editorHref(vdcRef)} className={`${item} text-slate-700`} data-testid="vdc-menu-open">
            Open
          </Link>
          {writer && lifecycleActions(vdc.state).map((a) => button(a))}
          <hr className="my-1 border-slate-100" />
          {props.canDuplicate && button('duplicate')}
          <a
            role="menuitem"
            href={`/api/v1/vdcs/${encodeURIComponent(vdcRef)}/bundle`}
            download={`${vdc.name}.colo.yaml`}
            className={`${item} text-slate-700`}
            title="Download it (its deployed revision, else the latest) as a portable .colo.yaml bundle"
            onClick={() => setOpen(false)}
            data-testid="vdc-menu-export"
          >
            Export
          </a>
          {writer && button('rename')}
          {writer && button('delete', 'text-rose-700')}
        </div>
      )}
    </div>
  );
}
