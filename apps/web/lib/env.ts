// The web app's environment, validated once when the server starts (instrumentation.ts), so a
// missing DATABASE_URL or a bad COLO_SECRET_KEY stops `next start` instead of a request.
import { controlEnvSchema } from '@colo/control';

export const webEnvSchema = controlEnvSchema;

export function checkWebEnv(env: NodeJS.ProcessEnv = process.env): void {
  const parsed = webEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`colo web: invalid environment\n${lines.join('\n')}`);
  }
}
