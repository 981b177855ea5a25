// A container joins the networks it lacks and leaves the ones it no longer needs, while it runs:
// a wire added to a server (a second client of a database, say) never restarts the server.
import type { DesiredContainer } from '../desired/types';
import { EngineError } from '../engine-error';
import { attachmentChange } from '../plan/plan';
import type { Runtime } from '../runtime/runtime';

/** `start` runs afterwards when the container should run but is stopped (the plan's start, folded in). */
export async function reattachContainer(
  runtime: Runtime,
  c: Pick<DesiredContainer, 'name' | 'networks' | 'standby'>,
  start: () => Promise<unknown>,
): Promise<string> {
  const found = await runtime.inspectContainer(c.name);
  if (!found) throw new EngineError('not_found', `container ${c.name} does not exist`);
  const { join, leave } = attachmentChange(c, found);
  // Join first: a container is never left on no network between the two.
  for (const network of join) {
    const aliases = c.networks.find((n) => n.network === network)?.aliases ?? [];
    await runtime.connectNetwork(network, found.id, aliases);
  }
  for (const network of leave) await runtime.disconnectNetwork(network, found.id);
  const words = [join.length > 0 ? `joined ${join.join(', ')}` : '', leave.length > 0 ? `left ${leave.join(', ')}` : ''].filter(Boolean);
  const stopped = found.state === 'exited' || found.state === 'created';
  if (stopped && !c.standby) {
    await start();
    return `${c.name} ${words.join('; ') || 'already on its networks'}, then started`;
  }
  return `${c.name} ${words.join('; ') || 'already on its networks'} (not restarted)`;
}
