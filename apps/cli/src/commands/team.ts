// `colo team …`: the caller's teams — list, create, show (members and, for admins, invitations),
// invitation links (make, revoke, join), members' roles, leaving, deleting, and the team's quota.
// The server decides who may do what (team admins manage; Colo admins set quotas).
import type { TeamDetail, TeamSummary } from '@colo/api';
import { connect } from '../api-client';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { ago } from '../format';
import { renderTable } from '../table';
import { teamApi } from '../team-api';
import { quotaTable } from './quota';

const ACTIONS = ['ls', 'create', 'show', 'rename', 'invite', 'revoke', 'join', 'role', 'remove', 'leave', 'rm', 'quota'] as const;
type Action = (typeof ACTIONS)[number];
const ROLES = ['viewer', 'operator', 'admin'];

/** What each action needs after it, for the usage error that says so. */
const NEEDS: Partial<Record<Action, string[]>> = {
  create: ['SLUG'],
  show: ['SLUG'],
  rename: ['SLUG', 'NAME'],
  invite: ['SLUG'],
  revoke: ['SLUG', 'INVITE_ID'],
  join: ['URL_OR_TOKEN'],
  role: ['SLUG', 'USER', 'ROLE'],
  remove: ['SLUG', 'USER'],
  leave: ['SLUG'],
  rm: ['SLUG'],
  quota: ['SLUG'],
};

/** The secret of an invitation link (`https://colo…/invite/<token>`), or the token itself. */
export function inviteToken(text: string): string {
  const m = /\/invite\/([^/?#\s]+)/.exec(text.trim());
  return decodeURIComponent(m ? m[1] : text.trim());
}

const QUOTA_FLAGS = { appliances: 'appliances', containers: 'containers', cpu: 'cpu', memory: 'memory', 'host-ports': 'hostPorts' } as const;

/** The quota flags given → the PUT body; "default" returns a limit to the server's default. */
export function teamQuotaBody(flags: Record<string, unknown>): Record<string, number | string | null> | undefined {
  const body: Record<string, number | string | null> = {};
  for (const [flag, key] of Object.entries(QUOTA_FLAGS)) {
    const value = flags[flag];
    if (typeof value !== 'string') continue;
    if (value === 'default') body[key] = null;
    else if (key === 'memory' && !/^\d+$/.test(value)) body[key] = value;
    else if (key === 'cpu' ? /^\d+(\.\d+)?$/.test(value) : /^\d+$/.test(value)) body[key] = Number(value);
    else throw new UsageError(`--${flag} must be ${key === 'cpu' ? 'a number' : 'a whole number'} or "default", not "${value}"`, 'team');
  }
  return Object.keys(body).length ? body : undefined;
}

function teamsTable(ctx: CliContext, teams: TeamSummary[]): void {
  const rows = teams.map((t) => [t.slug, t.name, t.role, t.members, t.vdcs, t.personal ? 'yes' : '']);
  for (const line of renderTable(['TEAM', 'NAME', 'ROLE', 'MEMBERS', 'VDCS', 'PERSONAL'], rows)) ctx.out(line);
}

function showTeam(ctx: CliContext, team: TeamDetail): void {
  ctx.out(`${team.slug}: ${team.name}${team.personal ? ' (personal)' : ''} — you are ${team.role}; ${team.vdcs} VDC${team.vdcs === 1 ? '' : 's'}`);
  const now = ctx.now();
  const members = team.memberList.map((m) => [m.email, m.name, m.role, ago(String(m.since), now)]);
  for (const line of renderTable(['MEMBER', 'NAME', 'ROLE', 'SINCE'], members)) ctx.out(line);
  if (!team.invites?.length) return;
  ctx.out('');
  const invites = team.invites.map((i) => [i.id, i.role, i.state, ago(String(i.createdAt), now), String(i.expiresAt), i.acceptedBy ?? '']);
  for (const line of renderTable(['INVITE', 'ROLE', 'STATE', 'MADE', 'EXPIRES', 'ACCEPTED BY'], invites)) ctx.out(line);
}

function role(value: string | undefined): string {
  if (!value || !ROLES.includes(value)) throw new UsageError(`role must be one of ${ROLES.join(', ')}${value ? `, not "${value}"` : ''}`, 'team');
  return value;
}

export const team = defineCommand({
  name: 'team',
  summary: 'your teams: members and roles, invitation links, quotas',
  usage:
    'ls | create SLUG [--name N] | show SLUG | rename SLUG NAME | invite SLUG [--role R] [--hours H] | revoke SLUG INVITE_ID | join URL_OR_TOKEN | role SLUG USER ROLE | remove SLUG USER | leave SLUG | rm SLUG | quota SLUG [--containers N --cpu N --memory 8Gi …]',
  positionals: [
    { name: 'ACTION', description: `${ACTIONS.join(', ')} (ls unless told)`, optional: true },
    { name: 'A', description: 'the team (SLUG), or for join the link or its token', optional: true },
    { name: 'B', description: 'rename: NAME; revoke: INVITE_ID; role, remove: USER (email or id)', optional: true },
    { name: 'C', description: 'role: ROLE (viewer, operator or admin)', optional: true },
  ],
  flags: {
    name: { type: 'string', value: 'N', description: 'create: the display name (the slug unless told)' },
    role: { type: 'string', value: 'R', description: 'invite: viewer (default), operator or admin' },
    hours: { type: 'string', value: 'H', description: 'invite: how long the link works, 1 to 720 hours (default 72)' },
    appliances: { type: 'string', value: 'N', description: 'quota (Colo admins): appliances, or "default"' },
    containers: { type: 'string', value: 'N', description: 'quota: containers' },
    cpu: { type: 'string', value: 'N', description: 'quota: CPUs' },
    memory: { type: 'string', value: 'M', description: 'quota: memory, bytes or e.g. 8Gi' },
    'host-ports': { type: 'string', value: 'N', description: 'quota: published host ports' },
  },
  examples: [
    '$ colo team create acme --name "Acme Inc"',
    '$ colo team invite acme --role operator --hours 24',
    'https://colo.example.com/invite/inv_3k…',
    '$ colo team join https://colo.example.com/invite/inv_3k…',
    'joined acme (Acme Inc) as operator',
    '$ colo apply -f shop.yaml --team acme',
    '$ colo status shop@acme',
  ],
  async run(ctx, { flags, positionals: p }) {
    const action = (p.ACTION ?? 'ls') as Action;
    if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${p.ACTION}": use one of ${ACTIONS.join(', ')}`, 'team');
    const needs = NEEDS[action] ?? [];
    const given = [p.A, p.B, p.C];
    if (given.slice(0, needs.length).some((v) => v === undefined)) throw new UsageError(`team ${action} needs ${needs.join(' ')}`, 'team');
    if (given.slice(needs.length).some((v) => v !== undefined)) throw new UsageError(`too many arguments for team ${action}`, 'team');
    const quotaBody = action === 'quota' ? teamQuotaBody(flags) : undefined;
    const hours = flags.hours === undefined ? 72 : Number(flags.hours);
    if (action === 'invite' && !(Number.isInteger(hours) && hours >= 1 && hours <= 720)) throw new UsageError('--hours must be a whole number from 1 to 720', 'team');
    const inviteRole = action === 'invite' ? role(flags.role ?? 'viewer') : undefined;
    const memberRole = action === 'role' ? role(p.C) : undefined;
    const slug = p.A as string;
    const client = await connect(ctx);
    const print = (answer: unknown, line: () => void) => (flags.json ? ctx.out(JSON.stringify(answer, null, 2)) : line());

    switch (action) {
      case 'ls': {
        const answer = await teamApi.list(client);
        print(answer, () => teamsTable(ctx, answer.teams));
        return 0;
      }
      case 'create': {
        const answer = await teamApi.create(client, { slug, ...(flags.name ? { name: flags.name } : {}) });
        print(answer, () => ctx.out(`created team ${answer.team.slug} (${answer.team.name}); you are its admin`));
        return 0;
      }
      case 'show': {
        const answer = await teamApi.get(client, slug);
        print(answer, () => showTeam(ctx, answer.team));
        return 0;
      }
      case 'rename': {
        const answer = await teamApi.rename(client, slug, p.B as string);
        print(answer, () => ctx.out(`renamed ${answer.team.slug} to ${answer.team.name}`));
        return 0;
      }
      case 'invite': {
        const answer = await teamApi.invite(client, slug, { role: inviteRole as string, expiresInHours: hours });
        print(answer, () => {
          // The link alone on stdout, so `colo team invite acme | pbcopy` copies just it.
          ctx.out(answer.url);
          ctx.err(`invitation ${answer.invite.id} to ${slug} as ${answer.invite.role}, until ${String(answer.invite.expiresAt)}; shown only this once`);
        });
        return 0;
      }
      case 'revoke': {
        const answer = await teamApi.revokeInvite(client, slug, p.B as string);
        print(answer, () => ctx.out(`revoked invitation ${answer.invite.id} of ${slug}`));
        return 0;
      }
      case 'join': {
        const answer = await teamApi.acceptInvite(client, inviteToken(slug));
        print(answer, () => ctx.out(`joined ${answer.team.slug} (${answer.team.name}) as ${answer.role}`));
        return 0;
      }
      case 'role': {
        const answer = await teamApi.setRole(client, slug, p.B as string, memberRole as string);
        print(answer, () => ctx.out(`${p.B} is now ${memberRole} in ${slug}`));
        return 0;
      }
      case 'remove':
      case 'leave': {
        const user = action === 'leave' ? (await client.me()).user.id : (p.B as string);
        const answer = await teamApi.removeMember(client, slug, user);
        print(answer, () => ctx.out(action === 'leave' ? `left ${slug}` : `removed ${p.B} from ${slug}`));
        return 0;
      }
      case 'rm': {
        const answer = await teamApi.remove(client, slug);
        print(answer, () => ctx.out(`deleted team ${slug}`));
        return 0;
      }
      case 'quota': {
        const answer = quotaBody ? await teamApi.setQuota(client, slug, quotaBody) : await teamApi.quota(client, slug);
        print(answer, () => {
          ctx.out(`quota of team ${answer.team.slug}${quotaBody ? ': saved' : ''}`);
          for (const line of quotaTable(answer.quota.limits, answer.quota.usage, answer.quota.overrides)) ctx.out(line);
        });
        return 0;
      }
    }
  },
});
