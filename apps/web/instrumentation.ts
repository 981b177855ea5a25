// Runs once when the Next server starts: refuse to serve with a broken environment, hand control
// its configuration, and give every request its socket address (route handlers cannot see the
// socket; sign-in counts by it).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkWebEnv } = await import('./lib/env');
  checkWebEnv();
  // Control (and its database client) read their settings from what the app hands them.
  const { configureControl, useNodeAgentAccess: nodeAgentReads } = await import('@colo/control');
  configureControl(process.env);
  // On a swarm, logs of replicas on other nodes are read through Colo's node agents (never set up from here).
  nodeAgentReads({ readsOnly: true });
  const { stampPeerAddress } = await import('./lib/client-address');
  stampPeerAddress();
}
