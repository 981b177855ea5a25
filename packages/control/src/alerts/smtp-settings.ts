// The installation's SMTP server for alert e-mail, set by an admin. The password is sealed with
// control's secret sealing (bound to this row) and never leaves control.
import { smtpSettingsBody } from '@colo/api';
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { requireAdmin } from '../auth/roles';
import { parseInput } from '../errors';
import { openSecrets, sealSecrets } from '../secrets';

/** The AAD the password is sealed under: a blob copied elsewhere does not open. */
const SEAL_ID = 'smtp-settings';

export interface SmtpSettingsView {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string | null;
  hasPassword: boolean;
  from: string;
}

export interface SmtpTransportSettings extends Omit<SmtpSettingsView, 'hasPassword'> {
  password: string | null;
}

function view(row: { host: string; port: number; security: string; user: string | null; passwordSealed: string | null; from: string }): SmtpSettingsView {
  return { host: row.host, port: row.port, security: row.security as SmtpSettingsView['security'], user: row.user, hasPassword: !!row.passwordSealed, from: row.from };
}

export async function getSmtpSettings(admin: AuthUser): Promise<SmtpSettingsView | null> {
  await requireAdmin(admin, 'see the SMTP settings');
  const row = await getPrisma().smtpSettings.findUnique({ where: { id: 'smtp' } });
  return row ? view(row) : null;
}

export async function putSmtpSettings(admin: AuthUser, input: unknown): Promise<SmtpSettingsView> {
  await requireAdmin(admin, 'change the SMTP settings');
  const body = parseInput(smtpSettingsBody, input);
  // Absent: keep the stored password; null or empty: remove it.
  const password =
    body.password === undefined ? undefined : body.password ? sealSecrets(SEAL_ID, { smtp: { password: body.password } }) : null;
  const data = { host: body.host, port: body.port, security: body.security, user: body.user || null, from: body.from, ...(password !== undefined ? { passwordSealed: password } : {}) };
  const row = await getPrisma().smtpSettings.upsert({ where: { id: 'smtp' }, create: { id: 'smtp', ...data }, update: data });
  return view(row);
}

/** What the mailer needs, password opened; null while no admin has set SMTP up. */
export async function smtpTransportSettings(): Promise<SmtpTransportSettings | null> {
  const row = await getPrisma().smtpSettings.findUnique({ where: { id: 'smtp' } });
  if (!row) return null;
  const { hasPassword: _, ...rest } = view(row);
  return { ...rest, password: row.passwordSealed ? (openSecrets(SEAL_ID, row.passwordSealed).smtp?.password ?? null) : null };
}
