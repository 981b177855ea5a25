'use client';
// One team's page: who is in it and with which role, invitations (admins), the quota, and the
// team's own actions — Rename and Delete for admins (Delete only for an empty, non-personal
// team), Leave for anyone but the last admin (the server refuses that one and says why).
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { PageHeader } from '../shell/page-header';
import { apiFetch } from '../ui/api-fetch';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { ConfirmDialog, Dialog } from '../ui/dialog';
import { Input } from '../ui/input';
import { useToast } from '../ui/toast';
import { RoleBadge } from './role-badge';
import { TeamInvites } from './team-invites';
import { TeamMembers } from './team-members';
import { type TeamQuota, TeamQuotaTable } from './team-quota';
import { ROLES, type TeamFull } from './team-types';

export function TeamPanel({ initial, quota, me }: { initial: TeamFull; quota?: TeamQuota; me: string }) {
  const router = useRouter();
  const toast = useToast();
  const [team, setTeam] = useState(initial);
  const [dialog, setDialog] = useState<'rename' | 'delete' | 'leave' | null>(null);
  const [newName, setNewName] = useState(initial.name);
  const [renameError, setRenameError] = useState<string | null>(null);
  const admin = team.role === 'admin';
  const path = `/teams/${encodeURIComponent(team.slug)}`;
  const meaning = ROLES.find((r) => r.value === team.role)?.meaning;

  async function rename() {
    setRenameError(null);
    try {
      const { team: renamed } = await apiFetch<{ team: TeamFull }>(path, { method: 'PATCH', body: { name: newName.trim() } });
      setTeam(renamed);
      setDialog(null);
      router.refresh();
    } catch (err) {
      setRenameError((err as Error).message);
    }
  }

  return (
    <div className="mx-auto w-full max-w-5xl px-6 py-8">
      <PageHeader
        title={team.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-slate-500">{team.slug}</span>
            {team.personal && <Badge>personal</Badge>}
            <span>·</span>
            <span>
              You are <RoleBadge role={team.role} testId="my-team-role" />
              {meaning ? `: ${meaning}` : ''}
            </span>
            <span>·</span>
            <span data-testid="team-vdc-count">
              {team.vdcs} VDC{team.vdcs === 1 ? '' : 's'}
            </span>
          </span>
        }
        actions={
          <>
            {admin && (
              <Button onClick={() => setDialog('rename')} data-testid="rename-team">
                Rename
              </Button>
            )}
            {!team.personal && (
              <Button onClick={() => setDialog('leave')} data-testid="leave-team">
                Leave
              </Button>
            )}
            {admin && !team.personal && (
              <Button
                variant="danger"
                disabled={team.vdcs > 0}
                title={team.vdcs > 0 ? 'Delete or move its VDCs first: only an empty team can be deleted' : undefined}
                onClick={() => setDialog('delete')}
                data-testid="delete-team"
              >
                Delete
              </Button>
            )}
          </>
        }
      />
      <TeamMembers team={team} me={me} onChange={setTeam} />
      {admin && !team.personal && <TeamInvites slug={team.slug} initial={team.invites ?? []} />}
      {quota && <TeamQuotaTable quota={quota} />}

      <Dialog
        open={dialog === 'rename'}
        title="Rename team"
        description="The display name; the slug (in name@team and URLs) stays."
        onClose={() => setDialog(null)}
        onSubmit={() => void rename()}
        testId="rename-team-dialog"
        footer={
          <>
            <Button onClick={() => setDialog(null)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={!newName.trim()}>
              Rename
            </Button>
          </>
        }
      >
        <Input aria-label="Team name" value={newName} maxLength={100} onChange={(e) => setNewName(e.target.value)} data-testid="rename-team-name" />
        {renameError && <p className="text-xs text-rose-700">{renameError}</p>}
      </Dialog>
      <ConfirmDialog
        open={dialog === 'delete'}
        title={`Delete “${team.name}”?`}
        description="Its members lose it and its invitations stop working. This cannot be undone."
        confirmLabel="Delete team"
        danger
        testId="delete-team-dialog"
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          await apiFetch(path, { method: 'DELETE' });
          toast(`Deleted “${team.name}”`);
          router.push('/teams');
        }}
      />
      <ConfirmDialog
        open={dialog === 'leave'}
        title={`Leave “${team.name}”?`}
        description="You lose access to its VDCs; an admin can invite you again."
        confirmLabel="Leave team"
        danger
        testId="leave-team-dialog"
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          await apiFetch(`${path}/members/${encodeURIComponent(me)}`, { method: 'DELETE' });
          toast(`Left “${team.name}”`);
          router.push('/teams');
        }}
      />
    </div>
  );
}
