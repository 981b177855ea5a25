// `colo quota`: limits and usage, your own (GET /me) or, for an admin, anyone's; `--set` changes
// them (PUT /users/:id/quota). The server checks the values and who may change them.
import { connect } from '../api-client';
import type { QuotaAmounts, QuotaOverrides } from '@colo/api';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { renderTable } from '../table';

const KEYS: Record<string, keyof QuotaAmounts> = {
  appliances: 'appliances',
  containers: 'containers',
  cpu: 'cpu',
  memory: 'memory',
  'host-ports': 'hostPorts',
  hostports: 'hostPorts',
  ports: 'hostPorts',
};

const LABELS: [keyof QuotaAmounts, string][] = [
  ['appliances', 'appliances'],
  ['containers', 'containers'],
  ['cpu', 'cpu'],
  ['memory', 'memory'],
  ['hostPorts', 'host ports'],
];

/** `appliances=20,memory=8Gi,cpu=default` → the PUT body; `default` returns a key to the server's default. */
export function parseQuotaSet(text: string): Record<string, number | string | null> {
  const body: Record<string, number | string | null> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-zA-Z-]+)=(.+)$/.exec(part);
    const key = m ? KEYS[m[1].toLowerCase()] : undefined;
    if (!m || !key) throw new UsageError(`--set: "${part}" is not KEY=VALUE with KEY one of appliances, containers, cpu, memory, host-ports`, 'quota');
    const value = m[2].trim();
    if (value === 'default') body[key] = null;
    else if (key === 'memory') body[key] = /^\d+$/.test(value) ? Number(value) : value;
    else if (key === 'cpu' && /^\d+(\.\d+)?$/.test(value)) body[key] = Number(value);
    else if (/^\d+$/.test(value)) body[key] = Number(value);
    else throw new UsageError(`--set: ${m[1]} must be ${key === 'cpu' ? 'a number' : 'a whole number'} or "default", not "${value}"`, 'quota');
  }
  if (Object.keys(body).length === 0) throw new UsageError('--set needs at least one KEY=VALUE', 'quota');
  return body;
}

function formatMemory(bytes: number): string {
  for (const [unit, size] of [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
    if (bytes >= size) return `${Math.round((bytes / size) * 100) / 100}${unit}`;
  }
  return String(bytes);
}

const show = (key: keyof QuotaAmounts, value: number) => (key === 'memory' ? formatMemory(value) : String(value));

/** Limits against usage, one line a resource; with `overrides`, which limits an admin set. */
export function quotaTable(limits: QuotaAmounts, usage: QuotaAmounts, overrides?: QuotaOverrides): string[] {
  const headers = overrides ? ['QUOTA', 'USED', 'LIMIT', 'SET BY'] : ['QUOTA', 'USED', 'LIMIT'];
  const rows = LABELS.map(([key, label]) => {
    const row = [label, show(key, usage[key]), show(key, limits[key])];
    if (overrides) row.push(overrides[key] === null ? 'default' : 'admin');
    return row;
  });
  return renderTable(headers, rows);
}

export const quota = defineCommand({
  name: 'quota',
  summary: 'show your quota and usage; admins: show or set any user\'s',
  usage: '[--user EMAIL] [--set KEY=VALUE,...]',
  flags: {
    user: { type: 'string', value: 'EMAIL', description: 'another user (admins), by email or id' },
    set: {
      type: 'string',
      value: 'KEY=VALUE,...',
      description: 'admins: set appliances, containers, cpu, memory (e.g. 8Gi), host-ports; "default" resets one',
    },
  },
  examples: [
    '$ colo quota',
    'quota of ann@example.com (user)',
    'QUOTA       USED    LIMIT',
    'appliances  4       50',
    'containers  6       100',
    'cpu         1.7     32',
    'memory      1.25Gi  64Gi',
    'host ports  1       20',
    '$ colo quota --user bob@example.com --set containers=20,memory=8Gi',
  ],
  async run(ctx, { flags }) {
    const body = flags.set === undefined ? undefined : parseQuotaSet(flags.set);
    const client = await connect(ctx);
    let who = flags.user;
    if (body && who === undefined) who = (await client.me()).user.id;
    if (who !== undefined) {
      const answer = body ? await client.setUserQuota(who, body) : await client.userQuota(who);
      if (flags.json) {
        ctx.out(JSON.stringify(answer, null, 2));
        return 0;
      }
      ctx.out(`quota of ${answer.user.email ?? answer.user.id}${answer.user.role ? ` (${answer.user.role})` : ''}${body ? ': saved' : ''}`);
      for (const line of quotaTable(answer.quota.limits, answer.quota.usage, answer.quota.overrides)) ctx.out(line);
      return 0;
    }
    const me = await client.me();
    if (flags.json) {
      ctx.out(JSON.stringify(me, null, 2));
      return 0;
    }
    if (!me.quota) throw new UsageError('this Colo server does not report quotas (it predates them)');
    ctx.out(`quota of ${me.user.email ?? me.user.id}${me.user.role ? ` (${me.user.role})` : ''}`);
    for (const line of quotaTable(me.quota.limits, me.quota.usage)) ctx.out(line);
    return 0;
  },
});
