'use client';
// Who is signed in, and the way out.
import { useState } from 'react';
import { apiFetch } from '../ui/api-fetch';
import { Spinner } from '../ui/spinner';
import { useMenu } from '../ui/use-menu';

export function UserMenu({ user }: { user: { name: string; email: string; admin?: boolean } }) {
  const { open, setOpen, root } = useMenu();
  const [leaving, setLeaving] = useState(false);

  async function signOut() {
    setLeaving(true);
    // Whatever the answer, the cookie is cleared; a full load drops every cached page.
    await apiFetch('/auth/logout', { method: 'POST' }).catch(() => {});
    window.location.assign('/login');
  }

  const initials = (user.name || user.email).split(/[\s@.]+/).filter(Boolean).slice(0, 2).map((w) => w[0]?.toUpperCase()).join('');

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        onClick={() => setOpen((v) => !v)}
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="user-menu"
        className="flex items-center gap-2 rounded-full py-1 pr-2.5 pl-1 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700">
          {initials || '?'}
        </span>
        <span className="max-w-40 truncate font-medium">{user.name}</span>
        <svg aria-hidden viewBox="0 0 20 20" className="size-4 text-slate-500" fill="currentColor">
          <path d="M5.2 7.7a.75.75 0 0 1 1.06.02L10 11.6l3.74-3.88a.75.75 0 1 1 1.08 1.04l-4.28 4.44a.75.75 0 0 1-1.08 0L5.18 8.76a.75.75 0 0 1 .02-1.06Z" />
        </svg>
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-40 mt-2 w-64 overflow-hidden rounded-lg bg-white shadow-lg ring-1 ring-slate-900/10">
          <div className="border-b border-slate-100 px-4 py-3">
            <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
            <p className="truncate text-xs text-slate-500">{user.email}</p>
          </div>
          <a role="menuitem" href="/settings/tokens" className="block px-4 py-2 text-sm text-slate-700 hover:bg-slate-50">
            API tokens
          </a>
          <a role="menuitem" href="/alerts" className="block px-4 py-2 text-sm text-slate-700 hover:bg-slate-50">
            Alerts
          </a>
          <a role="menuitem" href="/settings/smtp" className="block px-4 py-2 text-sm text-slate-700 hover:bg-slate-50">
            Alert e-mail (SMTP)
          </a>
          {user.admin && (
            <a role="menuitem" href="/nodes" data-testid="menu-nodes" className="block px-4 py-2 text-sm text-slate-700 hover:bg-slate-50">
              Nodes
            </a>
          )}
          <button
            type="button"
            role="menuitem"
            onClick={signOut}
            disabled={leaving}
            data-testid="sign-out"
            className="flex w-full items-center gap-2 border-t border-slate-100 px-4 py-2 text-left text-sm text-slate-700 hover:bg-slate-50"
          >
            {leaving && <Spinner />}
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
