// Who is calling: signing in, the first admin, API tokens, users and their quotas.
import { z } from 'zod';
import { text, when } from '../common';

export const MAX_PASSWORD_LENGTH = 1024;
export const TOKEN_SCOPES = ['read', 'deploy', 'admin'] as const;
export const MAX_TOKEN_DAYS = 3650;

export const loginBody = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) });
export const setupBody = z.object({
  email: z.string().max(320),
  name: z.string().max(100),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

export const userRefSchema = z.looseObject({ id: z.string(), email: z.string().nullish(), name: z.string().nullish(), role: z.string().nullish() });
export const signedInSchema = z.looseObject({ user: userRefSchema });

const quotaAmounts = z.looseObject({
  appliances: z.number(),
  containers: z.number(),
  cpu: z.number(),
  memory: z.number(),
  hostPorts: z.number(),
});
const quotaOverrides = z.looseObject({
  appliances: z.number().nullable(),
  containers: z.number().nullable(),
  cpu: z.number().nullable(),
  memory: z.number().nullable(),
  hostPorts: z.number().nullable(),
});
type QuotaKey = 'appliances' | 'containers' | 'cpu' | 'memory' | 'hostPorts';
export type QuotaAmounts = Pick<z.infer<typeof quotaAmounts>, QuotaKey>;
export type QuotaOverrides = Pick<z.infer<typeof quotaOverrides>, QuotaKey>;

export const meSchema = z.looseObject({
  user: userRefSchema,
  /** Servers before quotas answer without it. */
  quota: z.looseObject({ limits: quotaAmounts, usage: quotaAmounts }).optional(),
});
export type Me = z.infer<typeof meSchema>;

export const userQuotaSchema = z.looseObject({
  user: userRefSchema,
  quota: z.looseObject({ limits: quotaAmounts, usage: quotaAmounts, overrides: quotaOverrides }),
});
export type UserQuota = z.infer<typeof userQuotaSchema>;

const amount = z.number().int().min(0).max(1_000_000);
/** `PUT /users/{id}/quota`: each key given is set; `null` returns it to the default. Memory takes bytes or "8Gi". */
export const quotaBody = z
  .object({
    appliances: amount.nullable(),
    containers: amount.nullable(),
    cpu: z.number().min(0).max(100_000).nullable(),
    memory: z.union([z.number().int().min(0), z.string()]).nullable(),
    hostPorts: amount.nullable(),
  })
  .partial()
  .strict();

export const usersSchema = z.looseObject({ users: z.array(userRefSchema.extend({ createdAt: when })) });

export const tokenBody = z.object({
  name: z.string().trim().min(1, 'give the token a name').max(64),
  /** Least privilege unless asked: enough for the CLI to deploy, not to mint more tokens. */
  scope: z.enum(TOKEN_SCOPES).default('deploy'),
  /** Days until it stops working; omitted or null: never. */
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).nullable().optional(),
});

export const tokenInfoSchema = z.looseObject({
  id: text,
  name: text,
  prefix: z.string().optional(),
  scope: z.string().optional(),
  createdAt: when,
  expiresAt: when,
  lastUsedAt: when,
  revokedAt: when,
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;
export const tokensSchema = z.looseObject({ tokens: z.array(tokenInfoSchema) });
/** The token itself is in this answer only; Colo keeps a hash. */
export const tokenCreatedSchema = z.looseObject({ token: text, info: tokenInfoSchema });
export type TokenCreated = z.infer<typeof tokenCreatedSchema>;
