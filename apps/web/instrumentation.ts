// Runs once when the Next server starts: refuse to serve with a broken environment.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkWebEnv } = await import('./lib/env');
  checkWebEnv();
}
