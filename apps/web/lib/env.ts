// The web app's environment, validated once when the server starts (instrumentation.ts), so a
// missing DATABASE_URL or a bad COLO_SECRET_KEY stops `next start` instead of a request.
import { controlEnvSchema } from '@colo/control';
import { z } from 'zod';

const flag = z.enum(['0', '1', 'true', 'false', '']).transform((v) => v === '1' || v === 'true');

export const webEnvSchema = controlEnvSchema.extend({
  /**
   * Set (1) only when a reverse proxy in front of Colo appends the client's address to
   * X-Forwarded-For; otherwise that header is the client's own word and is ignored.
   */
  COLO_TRUST_PROXY: flag.default(false),
  /** The address people use to reach Colo, e.g. https://colo.example.com: its host may run first-run setup. */
  COLO_PUBLIC_URL: z.url().optional(),
  /** More hosts (host or host:port, comma-separated) first-run setup may be served for. */
  COLO_ALLOWED_HOSTS: z.string().default(''),
});

export type WebEnv = z.infer<typeof webEnvSchema>;

export function checkWebEnv(env: NodeJS.ProcessEnv = process.env): void {
  const parsed = webEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`colo web: invalid environment\n${lines.join('\n')}`);
  }
}

/** The settings only the web edge uses; read per call (cheap) so tests can change them. */
export function webSettings(env: NodeJS.ProcessEnv = process.env): Pick<WebEnv, 'COLO_TRUST_PROXY' | 'COLO_PUBLIC_URL' | 'COLO_ALLOWED_HOSTS'> {
  return webEnvSchema.pick({ COLO_TRUST_PROXY: true, COLO_PUBLIC_URL: true, COLO_ALLOWED_HOSTS: true }).parse(env);
}
