'use client';
// The Teams page: the caller's teams with their role, members and VDCs, and making a new one
// (the caller becomes its admin, then invites others from the team's page).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { PageHeader } from '../shell/page-header';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Input } from '../ui/input';
import { RoleBadge } from './role-badge';
import { type TeamFull, type TeamRow, teamHref, th } from './team-types';

const SLUG = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

export function TeamsList({ teams }: { teams: TeamRow[] }) {
  const router = useRouter();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const slugProblem = slug && !SLUG.test(slug) ? 'Lowercase letters, digits and inner hyphens, up to 40.' : null;

  async function create(e: React.FormEvent) {
    e.preventDefault();
    if (!slug || slugProblem) return;
    setBusy(true);
    setError(null);
    try {
      const { team } = await apiFetch<{ team: TeamFull }>('/teams', { method: 'POST', body: { slug, ...(name.trim() ? { name: name.trim() } : {}) } });
      router.push(teamHref(team.slug));
    } catch (err) {
      setBusy(false);
      setError((err as Error).message);
    }
  }

  return (
    <div className="mx-auto w-full max-w-5xl px-6 py-8">
      <PageHeader
        title="Teams"
        description="A team owns VDCs, entries and a quota. Your personal team is yours alone; in a shared team each member has a role: viewer, operator or admin."
      />
      <form onSubmit={create} className="mt-6 flex flex-wrap items-start gap-2" data-testid="create-team-form">
        <div className="w-48">
          <label htmlFor="team-slug" className="sr-only">
            Team slug
          </label>
          <Input id="team-slug" placeholder="slug, e.g. acme" maxLength={40} value={slug} onChange={(e) => setSlug(e.target.value.trim())} data-testid="team-slug" />
        </div>
        <div className="w-64">
          <label htmlFor="team-name" className="sr-only">
            Team name
          </label>
          <Input id="team-name" placeholder="Name (optional)" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-testid="team-name" />
        </div>
        <Button type="submit" variant="primary" busy={busy} disabled={!slug || Boolean(slugProblem)} data-testid="create-team">
          Create team
        </Button>
      </form>
      <div className="mt-4 space-y-4">
        {slugProblem && <p className="text-xs text-rose-700">{slugProblem}</p>}
        {error && <Alert>{error}</Alert>}
        <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5">
          <table className="w-full text-sm" data-testid="team-table">
            <thead className="border-b border-slate-200 bg-slate-50/70">
              <tr>
                <th className={th}>Team</th>
                <th className={th}>Your role</th>
                <th className={`${th} text-right`}>Members</th>
                <th className={`${th} text-right`}>VDCs</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {teams.map((t) => (
                <tr key={t.id} data-testid={`team-row-${t.slug}`}>
                  <td className="px-4 py-3">
                    <Link href={teamHref(t.slug)} className="font-medium text-slate-900 hover:text-indigo-600">
                      {t.name}
                    </Link>
                    <span className="ml-2 font-mono text-xs text-slate-500">{t.slug}</span>
                    {t.personal && (
                      <span className="ml-2">
                        <Badge>personal</Badge>
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <RoleBadge role={t.role} />
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums text-slate-700">{t.members}</td>
                  <td className="px-4 py-3 text-right tabular-nums text-slate-700">{t.vdcs}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
