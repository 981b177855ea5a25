// The settings control reads from the environment, checked with zod on first use. Apps extend
// `controlEnvSchema` in their own env.ts so a bad value stops them at start, not mid-request.
import { IMAGE_NAMESPACE_PATTERN } from '@colo/catalog';
import { z } from 'zod';

const secretKey = z
  .string()
  .min(1, 'COLO_SECRET_KEY is required: 32 random bytes as base64 or hex (e.g. openssl rand -base64 32)')
  .refine((v) => decodeSecretKey(v) !== undefined, 'COLO_SECRET_KEY must be 32 bytes, base64 or hex encoded');

export const controlEnvSchema = z.object({
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  COLO_SECRET_KEY: secretKey,
  /** Separates installations (and test runs) sharing one Docker engine. */
  COLO_INSTANCE: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/).default('local'),
  /** Host address exposed terminals are published on. */
  COLO_PUBLISH_HOST: z.string().min(1).default('127.0.0.1'),
  /** Repository prefix of built class images (`<namespace>/<class>:<version>`); read by @colo/catalog too. */
  COLO_IMAGE_NAMESPACE: z.string().regex(IMAGE_NAMESPACE_PATTERN, 'must be a Docker repository prefix like "colo" or "acme/colo"').default('colo'),
  /** Catalog folder (appliances/, assemblies/); the repo's templates/ unless set. */
  COLO_TEMPLATES_DIR: z.string().min(1).optional(),
});

export type ControlEnv = z.infer<typeof controlEnvSchema>;

export function decodeSecretKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const buf = Buffer.from(trimmed, 'base64');
    if (buf.length === 32) return buf;
  }
  return undefined;
}

let cached: ControlEnv | undefined;

export function controlEnv(): ControlEnv {
  if (!cached) {
    const parsed = controlEnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new Error(`invalid environment:\n  ${lines.join('\n  ')}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change the environment between cases. */
export function resetControlEnv(): void {
  cached = undefined;
}
