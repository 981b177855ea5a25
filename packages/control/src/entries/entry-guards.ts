// What an entry holds of its VDC: the VDC stays (no destroy, no delete) while an entry points at
// it, and a deploy may not take away the exposed terminal an entry reaches it through. Each
// refusal names the entries and what to do instead.
import type { Vdc } from '@colo/db';
import { expandStored } from '../assemblies/expand-stored';
import { ColoError } from '../errors';
import { exposedRefs } from './entry-target';
import { entriesOf } from './read-entries';

const names = (entries: { name: string }[]) => entries.map((e) => `"${e.name}"`).join(', ');

/** For destroy and delete: refused while any entry points at the VDC. */
export async function refuseWhileEntries(vdc: Pick<Vdc, 'id' | 'name'>, action: string): Promise<void> {
  const entries = await entriesOf(vdc.id);
  if (entries.length === 0) return;
  const which = entries.length === 1 ? `entry ${names(entries)} points` : `entries ${names(entries)} point`;
  throw new ColoError('not_destroyed', `cannot ${action} VDC "${vdc.name}": ${which} at it; switch ${entries.length === 1 ? 'it' : 'them'} to another VDC or delete ${entries.length === 1 ? 'it' : 'them'} first (colo entry switch|rm)`);
}

/** For deploy and restore: the manifest must still expose every terminal an entry points at. */
export async function refuseDroppingEntryTerminals(vdc: Pick<Vdc, 'id' | 'name'>, manifest: unknown): Promise<void> {
  // Entries point at what the engine publishes: the interior terminal behind an assembly's box.
  const refs = exposedRefs((await expandStored(manifest)).manifest);
  const lost = (await entriesOf(vdc.id)).filter((e) => !refs.some((r) => r.appliance === e.appliance && r.terminal === e.terminal));
  if (lost.length === 0) return;
  throw new ColoError(
    'bad_request',
    `VDC "${vdc.name}": ${lost.map((e) => `entry "${e.name}" points at ${e.appliance}.${e.terminal}`).join('; ')}, which this revision does not expose: keep the expose, or switch the entry away first`,
  );
}
