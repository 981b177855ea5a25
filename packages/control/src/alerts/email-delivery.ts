// An alert as an e-mail through the admin's SMTP server (nodemailer).
import nodemailer from 'nodemailer';
import { ColoError } from '../errors';
import { smtpTransportSettings } from './smtp-settings';
import { type AlertMessage, headline } from './webhook-delivery';

const TIMEOUT_MS = 15_000;

export async function sendAlertEmail(to: string[], m: AlertMessage): Promise<string> {
  const smtp = await smtpTransportSettings();
  if (!smtp) throw new ColoError('bad_request', 'no SMTP server is set up: an admin sets one under Settings → SMTP');
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    const lines = [m.message, '', `VDC: ${m.vdc}`, ...(m.appliance ? [`Appliance: ${m.appliance}`] : []), `State: ${m.state}`, `At: ${m.at}`, ...(m.url ? ['', m.url] : [])];
    const info = await transport.sendMail({ from: smtp.from, to, subject: `[Colo] ${headline(m)}`, text: lines.join('\n') });
    return info.response;
  } finally {
    transport.close();
  }
}
