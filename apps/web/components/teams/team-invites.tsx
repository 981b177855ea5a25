'use client';
// Invitations of a team (its admins only): a link with a role and a lifetime, shown once with a
// Copy button (only its hash is stored), the list with each one's state, and revoking.
import { useState } from 'react';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';
import { RelativeTime } from '../vdc-list/relative-time';
import { RoleBadge } from './role-badge';
import { type InviteRow, ROLES, selectClass, type TeamRole, th } from './team-types';

const LIFETIMES = [
  { hours: 1, label: 'for 1 hour' },
  { hours: 24, label: 'for 1 day' },
  { hours: 72, label: 'for 3 days' },
  { hours: 168, label: 'for 7 days' },
  { hours: 720, label: 'for 30 days' },
];
const STATE_TONE = { open: 'green', accepted: 'blue', revoked: 'gray', expired: 'gray' } as const;

export function TeamInvites({ slug, initial }: { slug: string; initial: InviteRow[] }) {
  const [invites, setInvites] = useState(initial);
  const [role, setRole] = useState<TeamRole>('operator');
  const [hours, setHours] = useState(72);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const base = `/teams/${encodeURIComponent(slug)}/invites`;

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const made = await apiFetch<{ invite: InviteRow; url: string }>(base, { method: 'POST', body: { role, expiresInHours: hours } });
      setInvites((list) => [made.invite, ...list]);
      setLink(made.url);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      const { invite } = await apiFetch<{ invite: InviteRow }>(`${base}/${encodeURIComponent(id)}`, { method: 'DELETE' });
      setInvites((list) => list.map((i) => (i.id === id ? invite : i)));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <section className="mt-8" aria-labelledby="invites-title">
      <h2 id="invites-title" className="text-base font-semibold text-slate-900">
        Invitations
      </h2>
      <p className="mt-1 text-sm text-slate-600">Anyone with a Colo account who opens the link joins with its role, once.</p>
      <form onSubmit={create} className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="invite-role" className="sr-only">
          Role
        </label>
        <select id="invite-role" className={selectClass} value={role} onChange={(e) => setRole(e.target.value as TeamRole)} data-testid="invite-role">
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}: {r.meaning}
            </option>
          ))}
        </select>
        <label htmlFor="invite-hours" className="sr-only">
          Valid for
        </label>
        <select id="invite-hours" className={selectClass} value={hours} onChange={(e) => setHours(Number(e.target.value))} data-testid="invite-hours">
          {LIFETIMES.map((l) => (
            <option key={l.hours} value={l.hours}>
              {l.label}
            </option>
          ))}
        </select>
        <Button type="submit" variant="primary" busy={busy} data-testid="create-invite">
          Create invitation link
        </Button>
      </form>
      <div className="mt-3 space-y-3">
        {error && <Alert>{error}</Alert>}
        {link && (
          <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm" data-testid="invite-link-notice">
            <p className="font-medium text-emerald-900">Copy the link now: it is shown only this once.</p>
            <div className="mt-2 flex items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1.5 font-mono text-xs text-slate-800 ring-1 ring-emerald-200" data-testid="invite-link">
                {link}
              </code>
              <CopyButton text={link} size="sm" data-testid="copy-invite-link" />
              <Button size="sm" variant="ghost" onClick={() => setLink(null)}>
                Done
              </Button>
            </div>
          </div>
        )}
        {invites.length > 0 && (
          <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5">
            <table className="w-full text-sm" data-testid="invite-table">
              <thead className="border-b border-slate-200 bg-slate-50/70">
                <tr>
                  <th className={th}>Role</th>
                  <th className={th}>State</th>
                  <th className={th}>Made</th>
                  <th className={th}>Expires</th>
                  <th className={th}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {invites.map((i) => (
                  <tr key={i.id} data-testid={`invite-row-${i.id}`}>
                    <td className="px-4 py-3">
                      <RoleBadge role={i.role as TeamRole} />
                    </td>
                    <td className="px-4 py-3">
                      <Badge tone={STATE_TONE[i.state]} testId="invite-state">
                        {i.state}
                        {i.acceptedBy ? ` by ${i.acceptedBy}` : ''}
                      </Badge>
                    </td>
                    <td className="px-4 py-3 text-xs text-slate-600">
                      <RelativeTime iso={String(i.createdAt)} />
                    </td>
                    <td className="px-4 py-3 text-xs text-slate-600">
                      <RelativeTime iso={String(i.expiresAt)} />
                    </td>
                    <td className="px-4 py-3 text-right">
                      {i.state === 'open' && (
                        <Button size="sm" variant="ghost" className="text-rose-700 hover:bg-rose-50" onClick={() => void revoke(i.id)} data-testid={`revoke-invite-${i.id}`}>
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
