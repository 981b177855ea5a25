// What the team pages show, as the REST API answers it (dates as ISO strings): the contract's
// team shapes (@colo/api), plus the role names and what each may do, for labels and tooltips.
import type { TeamDetail, TeamInvite, TeamSummary } from '@colo/api';

export type TeamRole = 'viewer' | 'operator' | 'admin';
export type TeamRow = TeamSummary & { role: TeamRole };
export type TeamFull = TeamDetail & { role: TeamRole };
export type InviteRow = TeamInvite;

export const ROLES: { value: TeamRole; label: string; meaning: string }[] = [
  { value: 'viewer', label: 'Viewer', meaning: 'reads VDCs, logs and metrics; no changes, no terminal, no secrets' },
  { value: 'operator', label: 'Operator', meaning: 'also saves, deploys, stops and opens terminals' },
  { value: 'admin', label: 'Admin', meaning: 'also manages the team: members, invitations, name' },
];

export const ROLE_TONE: Record<TeamRole, 'gray' | 'blue' | 'amber'> = { viewer: 'gray', operator: 'blue', admin: 'amber' };

export const teamHref = (slug: string) => `/teams/${encodeURIComponent(slug)}`;

export const selectClass =
  'block h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-500';

export const th = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase';
