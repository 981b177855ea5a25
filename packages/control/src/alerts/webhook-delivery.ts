// An alert as an HTTP POST: generic JSON or a Slack-compatible message. 10 s in all, and a
// redirect is followed only on the same host (a hook must not bounce our POST somewhere else).
export type WebhookFormat = 'generic' | 'slack';

export interface AlertMessage {
  alert: string;
  kind: string;
  vdc: string;
  appliance: string | null;
  state: 'firing' | 'resolved' | 'test';
  message: string;
  /** Where to see it in Colo, when Colo knows its own address. */
  url: string | null;
  at: string;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;

export function headline(m: AlertMessage): string {
  const where = m.appliance ? `${m.vdc}/${m.appliance}` : m.vdc;
  if (m.state === 'test') return `Colo test message for ${where}`;
  return `${m.state === 'resolved' ? 'Resolved' : 'Firing'}: ${m.kind.replace('_', ' ')} on ${where}`;
}

export function webhookBody(m: AlertMessage, format: WebhookFormat): unknown {
  if (format === 'generic') return m;
  const text = `${m.state === 'resolved' ? ':white_check_mark:' : m.state === 'firing' ? ':rotating_light:' : ':wave:'} *${headline(m)}*\n${m.message}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      ...(m.url ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${m.url}|Open in Colo>` }] }] : []),
    ],
  };
}

/** Resolves with the status line on a 2xx; throws with what went wrong otherwise. */
export async function postWebhook(url: string, body: unknown, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  const origin = new URL(url);
  let target = origin;
  for (let hop = 0; ; hop++) {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'colo-alerts' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal,
    }).catch((error: Error) => {
      throw new Error(error.name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : `could not reach it: ${(error.cause as Error | undefined)?.message ?? error.message}`);
    });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return `${res.status} ${res.statusText}`.trim();
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, target);
      if (next.host !== origin.host || next.protocol !== origin.protocol) throw new Error(`redirected to another host (${next.host}): not followed`);
      if (hop >= MAX_REDIRECTS) throw new Error('too many redirects');
      target = next;
      continue;
    }
    throw new Error(`answered ${res.status} ${res.statusText}`.trim());
  }
}
