// A VDC's alert rules as its owner sees and changes them: the built-in defaults (until a rule of
// the same kind overrides one) and the user's own rules.
import { type AlertChannel, type AlertKind, alertChannelSchema, alertRuleCreateBody, alertRuleUpdateBody } from '@colo/api';
import { type AlertRule as AlertRuleRow, getPrisma, type Prisma } from '@colo/db';
import { z } from 'zod';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError, parseInput } from '../errors';
import { newId } from '../ids';
import { findOwnedVdc } from '../vdcs/find-vdc';
import { DEFAULT_RULES, type EffectiveRule } from './alert-rules-effective';

/** At most this many rules per VDC. */
export const MAX_RULES_PER_VDC = 50;

export interface AlertRuleView {
  id: string;
  vdc: string;
  kind: AlertKind;
  appliance: string | null;
  thresholdSeconds: number | null;
  thresholdPercent: number | null;
  channels: AlertChannel[];
  enabled: boolean;
  builtIn: boolean;
}

const storedChannels = z.array(alertChannelSchema);

/** A stored rule as the evaluator uses it; channels that no longer parse are dropped. */
export function ruleOf(row: AlertRuleRow): EffectiveRule {
  const channels = storedChannels.safeParse(row.channels);
  return {
    key: row.id,
    kind: row.kind as AlertKind,
    appliance: row.appliance,
    thresholdSeconds: row.thresholdSeconds,
    thresholdPercent: row.thresholdPercent,
    channels: channels.success ? channels.data : [],
    enabled: row.enabled,
    builtIn: false,
  };
}

/** Every rule of the VDCs asked for, by VDC id (the evaluator's one query per tick). */
export async function rulesByVdc(vdcIds: string[]): Promise<Map<string, EffectiveRule[]>> {
  const rows = vdcIds.length === 0 ? [] : await getPrisma().alertRule.findMany({ where: { vdcId: { in: vdcIds } } });
  const out = new Map<string, EffectiveRule[]>();
  for (const row of rows) out.set(row.vdcId, [...(out.get(row.vdcId) ?? []), ruleOf(row)]);
  return out;
}

function view(vdc: string, r: EffectiveRule): AlertRuleView {
  const { key, ...rest } = r;
  return { id: key, vdc, ...rest };
}

export async function listAlertRules(user: AuthUser, vdcName: string): Promise<AlertRuleView[]> {
  const vdc = await findOwnedVdc(user, vdcName);
  const rows = await getPrisma().alertRule.findMany({ where: { vdcId: vdc.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const own = rows.map(ruleOf);
  // A default stays listed until a rule for all appliances of its kind replaces it.
  const defaults = DEFAULT_RULES.filter((d) => !own.some((r) => r.kind === d.kind && r.appliance === null));
  return [...defaults, ...own].map((r) => view(vdc.name, r));
}

function checkThresholds(kind: string, body: { thresholdSeconds?: number | null; thresholdPercent?: number | null }): void {
  if (body.thresholdSeconds != null && kind !== 'unhealthy') throw new ColoError('bad_request', `thresholdSeconds: applies to unhealthy rules only, not ${kind}`);
  if (body.thresholdPercent != null && kind !== 'volume_full') throw new ColoError('bad_request', `thresholdPercent: applies to volume_full rules only, not ${kind}`);
}

export async function createAlertRule(user: AuthUser, vdcName: string, input: unknown): Promise<AlertRuleView> {
  const vdc = await findOwnedVdc(user, vdcName);
  const body = parseInput(alertRuleCreateBody, input);
  checkThresholds(body.kind, body);
  const prisma = getPrisma();
  if ((await prisma.alertRule.count({ where: { vdcId: vdc.id } })) >= MAX_RULES_PER_VDC) {
    throw new ColoError('bad_request', `a VDC has at most ${MAX_RULES_PER_VDC} alert rules`);
  }
  const row = await prisma.alertRule.create({
    data: {
      id: newId('arl'),
      vdcId: vdc.id,
      kind: body.kind,
      appliance: body.appliance ?? null,
      thresholdSeconds: body.thresholdSeconds ?? null,
      thresholdPercent: body.thresholdPercent ?? null,
      channels: body.channels as Prisma.InputJsonValue,
      enabled: body.enabled ?? true,
    },
  });
  return view(vdc.name, ruleOf(row));
}

async function ownRule(user: AuthUser, vdcName: string, id: string) {
  const vdc = await findOwnedVdc(user, vdcName);
  const row = await getPrisma().alertRule.findFirst({ where: { id, vdcId: vdc.id } });
  if (!row) throw new ColoError('not_found', `VDC "${vdc.name}" has no alert rule ${id}${id.startsWith('default:') ? ' (a built-in default: add a rule of its kind to override it)' : ''}`);
  return { vdc, row };
}

export async function updateAlertRule(user: AuthUser, vdcName: string, id: string, input: unknown): Promise<AlertRuleView> {
  const { vdc, row } = await ownRule(user, vdcName, id);
  const body = parseInput(alertRuleUpdateBody, input);
  checkThresholds(row.kind, body);
  const updated = await getPrisma().alertRule.update({
    where: { id: row.id },
    data: {
      ...(body.thresholdSeconds !== undefined ? { thresholdSeconds: body.thresholdSeconds } : {}),
      ...(body.thresholdPercent !== undefined ? { thresholdPercent: body.thresholdPercent } : {}),
      ...(body.channels !== undefined ? { channels: body.channels as Prisma.InputJsonValue } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
    },
  });
  return view(vdc.name, ruleOf(updated));
}

export async function deleteAlertRule(user: AuthUser, vdcName: string, id: string): Promise<AlertRuleView> {
  const { vdc, row } = await ownRule(user, vdcName, id);
  await getPrisma().alertRule.delete({ where: { id: row.id } });
  return view(vdc.name, ruleOf(row));
}
