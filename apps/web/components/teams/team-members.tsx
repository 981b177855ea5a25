'use client';
// A team's members with their roles. Admins change a role or remove a member; the server keeps
// at least one admin and says so when a change would leave none.
import { useState } from 'react';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { RelativeTime } from '../vdc-list/relative-time';
import { RoleBadge } from './role-badge';
import { ROLES, selectClass, type TeamFull, type TeamRole, th } from './team-types';

export function TeamMembers({ team, me, onChange }: { team: TeamFull; me: string; onChange: (team: TeamFull) => void }) {
  const admin = team.role === 'admin';
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/teams/${encodeURIComponent(team.slug)}/members`;

  async function act(userId: string, run: () => Promise<TeamFull>) {
    setBusy(userId);
    setError(null);
    try {
      onChange(await run());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }
  const setRole = (userId: string, role: TeamRole) =>
    act(userId, async () => (await apiFetch<{ team: TeamFull }>(`${base}/${encodeURIComponent(userId)}`, { method: 'PUT', body: { role } })).team);
  const remove = (userId: string) =>
    act(userId, async () => {
      await apiFetch(`${base}/${encodeURIComponent(userId)}`, { method: 'DELETE' });
      return { ...team, members: team.members - 1, memberList: team.memberList.filter((m) => m.userId !== userId) };
    });

  return (
    <section className="mt-8" aria-labelledby="members-title">
      <h2 id="members-title" className="text-base font-semibold text-slate-900">
        Members
      </h2>
      {error && (
        <div className="mt-2">
          <Alert>{error}</Alert>
        </div>
      )}
      <div className="mt-3 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5">
        <table className="w-full text-sm" data-testid="member-table">
          <thead className="border-b border-slate-200 bg-slate-50/70">
            <tr>
              <th className={th}>Member</th>
              <th className={th}>Role</th>
              <th className={th}>Since</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {team.memberList.map((m) => (
              <tr key={m.userId} data-testid={`member-row-${m.email}`}>
                <td className="px-4 py-3">
                  <span className="font-medium text-slate-900">{m.name}</span>
                  <span className="ml-2 text-xs text-slate-500">{m.email}</span>
                  {m.userId === me && <span className="ml-2 text-xs text-slate-500">(you)</span>}
                </td>
                <td className="px-4 py-3">
                  {admin && !team.personal ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      className={selectClass}
                      value={m.role}
                      disabled={busy === m.userId}
                      onChange={(e) => void setRole(m.userId, e.target.value as TeamRole)}
                      data-testid={`member-role-${m.email}`}
                    >
                      {ROLES.map((r) => (
                        <option key={r.value} value={r.value} title={r.meaning}>
                          {r.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <RoleBadge role={m.role as TeamRole} />
                  )}
                </td>
                <td className="px-4 py-3 text-xs text-slate-600">
                  <RelativeTime iso={String(m.since)} />
                </td>
                <td className="px-4 py-3 text-right">
                  {admin && !team.personal && m.userId !== me && (
                    <Button size="sm" variant="ghost" className="text-rose-700 hover:bg-rose-50" busy={busy === m.userId} onClick={() => void remove(m.userId)} data-testid={`member-remove-${m.email}`}>
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
