// Alerts: rules per VDC, the alerts they open, the SMTP settings that carry e-mail, and a test
// message to a channel. Control checks what only it can judge (the VDC, the appliance).
import { z } from 'zod';
import { text, when } from '../common';

export const ALERT_KINDS = ['unhealthy', 'flap_guard', 'oom', 'volume_full', 'operation_failed', 'schedule_missed'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
const kindField = z.enum(ALERT_KINDS, { error: `must be one of ${ALERT_KINDS.join(', ')}` });

const httpUrl = z
  .string({ error: 'must be an http(s) URL' })
  .max(2000, 'must be at most 2000 characters')
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/** Where an alert goes besides the notification centre (which always has it). */
export const alertChannelSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('webhook'), url: httpUrl, format: z.enum(['generic', 'slack'], { error: 'must be generic or slack' }).default('generic') }).strict(),
    z.object({ type: z.literal('email'), to: z.array(z.email({ error: 'must be an e-mail address' })).min(1, 'needs an address').max(20, 'at most 20 addresses') }).strict(),
  ],
  { error: 'must be a webhook ({ type, url, format }) or an email ({ type, to })' },
);
export type AlertChannel = z.infer<typeof alertChannelSchema>;

const seconds = z.number({ error: 'must be a whole number of seconds' }).int('must be a whole number of seconds').min(0, 'must be 0 or more').max(86_400, 'must be at most 86400');
const percent = z.number({ error: 'must be a percentage' }).int('must be a whole percentage').min(1, 'must be 1–99').max(99, 'must be 1–99');
const applianceField = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be an appliance name').nullish();

/** `POST /vdcs/{name}/alert-rules`: one kind, for one appliance or all, with its channels. */
export const alertRuleCreateBody = z
  .object({
    kind: kindField,
    appliance: applianceField,
    thresholdSeconds: seconds.optional(),
    thresholdPercent: percent.optional(),
    channels: z.array(alertChannelSchema).max(10, 'at most 10 channels').default([]),
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();
export const alertRuleUpdateBody = z
  .object({
    thresholdSeconds: seconds.nullish(),
    thresholdPercent: percent.nullish(),
    channels: z.array(alertChannelSchema).max(10, 'at most 10 channels').optional(),
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

export const alertRuleSchema = z.looseObject({
  id: text,
  vdc: text,
  kind: text,
  appliance: z.string().nullish(),
  thresholdSeconds: z.number().nullish(),
  thresholdPercent: z.number().nullish(),
  channels: z.array(z.looseObject({ type: text })),
  enabled: z.boolean(),
  /** A default every VDC has without configuring anything (id `default:<kind>`); a rule of the same kind overrides it. */
  builtIn: z.boolean().default(false),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;
export const alertRulesSchema = z.looseObject({ rules: z.array(alertRuleSchema) });
export const alertRuleAnswerSchema = z.looseObject({ rule: alertRuleSchema });

export const alertSchema = z.looseObject({
  id: text,
  vdc: text,
  kind: text,
  appliance: z.string().nullish(),
  state: text,
  message: text,
  firstSeen: when,
  firedAt: when,
  resolvedAt: when,
  acknowledgedAt: when,
  /** Where it was sent besides the app, and how that went (`sent`, `pending` a retry, `failed` for good). */
  deliveries: z
    .array(z.looseObject({ event: text, channel: text, target: text, status: text, attempts: z.number(), lastError: z.string().nullish(), sentAt: when }))
    .default([]),
});
export type Alert = z.infer<typeof alertSchema>;
export const alertsSchema = z.looseObject({ alerts: z.array(alertSchema), unread: z.number().default(0) });
export const alertAnswerSchema = z.looseObject({ alert: alertSchema });
export const alertsQuery = z.object({
  state: z.enum(['firing', 'resolved', 'all'], { error: 'must be firing, resolved or all' }).optional(),
  vdc: z.string().optional(),
});

/** `PUT /settings/smtp`: the password is write-only (absent: kept; null: removed). */
export const smtpSettingsBody = z
  .object({
    host: z.string({ error: 'must be a host name' }).min(1, 'is required').max(255),
    port: z.number({ error: 'must be a port' }).int().min(1, 'must be 1–65535').max(65535, 'must be 1–65535'),
    security: z.enum(['tls', 'starttls', 'none'], { error: 'must be tls, starttls or none' }),
    user: z.string().max(255).nullish(),
    password: z.string().max(1000).nullish(),
    from: z.email({ error: 'must be an e-mail address' }),
  })
  .strict();
export const smtpSettingsSchema = z.looseObject({
  host: text,
  port: z.number(),
  security: text,
  user: z.string().nullish(),
  hasPassword: z.boolean(),
  from: text,
});
export const smtpSettingsAnswerSchema = z.looseObject({ smtp: smtpSettingsSchema.nullable() });

/** `POST /alerts/test`: one message to a channel now, to check it reaches. */
export const alertTestBody = z.object({ channel: alertChannelSchema }).strict();
export const alertTestAnswerSchema = z.looseObject({ ok: z.boolean(), detail: z.string().nullish() });
