// SMTP settings for alert e-mail: admins only (others are told so, and the API refuses them too).
import { getSmtpSettings, isColoError } from '@colo/control';
import type { Metadata } from 'next';
import { type SmtpSettings, SmtpSettingsForm } from '@/components/alerts/smtp-settings-form';
import { requireUser } from '../../../../lib/session';

export const metadata: Metadata = { title: 'SMTP · Colo' };

export default async function SmtpPage() {
  const user = await requireUser();
  let settings: SmtpSettings | null;
  try {
    settings = await getSmtpSettings(user);
  } catch (error) {
    if (isColoError(error) && error.code === 'forbidden') {
      return (
        <div className="mx-auto w-full max-w-3xl px-6 py-8">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">SMTP</h1>
          <p className="mt-2 text-sm text-slate-600" data-testid="smtp-admins-only">
            Only an admin sets the mail server alert e-mail goes through.
          </p>
        </div>
      );
    }
    throw error;
  }
  return <SmtpSettingsForm initial={settings} />;
}
