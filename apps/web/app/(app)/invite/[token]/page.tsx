// An invitation link. It lives in the signed-in frame: a visitor who is signed out goes to the
// sign-in page with `next` set to this link and comes back here afterwards (lib/session.ts).
import { isColoError, membershipsOf, previewInvite } from '@colo/control';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInvite } from '../../../../components/teams/accept-invite';
import { RoleBadge } from '../../../../components/teams/role-badge';
import { ROLES, type TeamRole, teamHref } from '../../../../components/teams/team-types';
import { buttonClasses } from '../../../../components/ui/button';
import { requireUser } from '../../../../lib/session';

export const metadata: Metadata = { title: 'Invitation · Colo' };
export const dynamic = 'force-dynamic';

const STATE_TEXT = { accepted: 'has already been used', revoked: 'was revoked', expired: 'has expired' } as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requireUser();
  const invite = await previewInvite(token).catch((err) => {
    if (isColoError(err)) return undefined;
    throw err;
  });
  const member = invite ? (await membershipsOf(user.id)).find((m) => m.slug === invite.team.slug) : undefined;
  return (
    <div className="grid flex-1 place-items-center p-6">
      <div className="w-full max-w-md rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-900/5" data-testid="invite-page">
        {!invite ? (
          <>
            <h1 className="text-lg font-semibold text-slate-900">This invitation link is not valid</h1>
            <p className="mt-1 text-sm text-slate-600">Check that you copied all of it, or ask a team admin for a new one.</p>
          </>
        ) : (
          <>
            <p className="text-sm text-slate-600">You are invited to join</p>
            <h1 className="mt-1 text-xl font-semibold text-slate-900" data-testid="invite-team">
              {invite.team.name} <span className="font-mono text-sm font-normal text-slate-500">{invite.team.slug}</span>
            </h1>
            <p className="mt-3 text-sm text-slate-700">
              as <RoleBadge role={invite.role as TeamRole} testId="invite-role-badge" />: {ROLES.find((r) => r.value === invite.role)?.meaning}.
            </p>
            {member ? (
              <div className="mt-5 text-sm text-slate-700">
                You are already a member ({member.role}).{' '}
                <Link href={teamHref(invite.team.slug)} className={buttonClasses('primary', 'md', 'ml-2')}>
                  Open the team
                </Link>
              </div>
            ) : invite.state === 'open' ? (
              <AcceptInvite token={token} />
            ) : (
              <p className="mt-5 text-sm text-rose-700" data-testid="invite-closed">
                This invitation {STATE_TEXT[invite.state]}: ask a team admin for a new one.
              </p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
