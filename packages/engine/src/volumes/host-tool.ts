// The warm volume tool: one long-lived volume-tool container per installation and daemon that
// sees the daemon's volume directory (read-only at /host-ro, writable at /host), so a snapshot or
// clone costs execs, not a container start and removal (the fixed cost that dominated small
// copies). This is the one place that knows volumes are directories on the daemon's host: a
// volume that is not (a plugin's, a `local` one with driver options) is copied by a tool of its
// own instead (volume-tool.ts). With several hosts, each daemon gets its own warm tool.
//
// It is Colo's own container, never shaped by a manifest: no network, capabilities for copying
// only, bounded. The script it runs refuses any path outside /host-ro/<volume>/_data (read) and
// /host/<volume>/_data (written), and Colo only names volumes it owns and has just looked up.
import { hostVolumeToolName } from '../docker-names';
import { isEngineError } from '../engine-error';
import { LABEL } from '../labels';
import type { Runtime, VolumeSummary } from '../runtime/runtime';
import { volumeToolHostConfig } from './tool-container';

export const HOST_VOLUME_TOOL_ROLE = 'volume-tool-host';
/** On the warm tool: the daemon's volume directory it sees. */
const ROOT_LABEL = 'colo.volume-root';

/**
 * The warm tool's container id when every named volume is a plain `local` directory under one
 * volume directory (started or replaced as needed); undefined when one is not, or is unknown.
 */
export async function hostToolFor(runtime: Runtime, instance: string, image: string, volumes: string[]): Promise<string | undefined> {
  const known = new Map((await runtime.listVolumes([`${LABEL.managed}=true`])).map((v) => [v.name, v]));
  const roots = new Set<string>();
  for (const name of volumes) {
    const root = plainRoot(known.get(name));
    if (!root) return undefined;
    roots.add(root);
  }
  if (roots.size !== 1) return undefined;
  const [root] = roots;
  return ensureHostTool(runtime, instance, image, root);
}

/** `/var/lib/docker/volumes` for a plain `local` volume at `/var/lib/docker/volumes/<name>/_data`. */
export function plainRoot(volume: VolumeSummary | undefined): string | undefined {
  if (!volume || volume.driver !== 'local' || Object.keys(volume.driverOptions ?? {}).length > 0) return undefined;
  const suffix = `/${volume.name}/_data`;
  const mountpoint = volume.mountpoint ?? '';
  if (!mountpoint.startsWith('/') || !mountpoint.endsWith(suffix)) return undefined;
  const root = mountpoint.slice(0, -suffix.length);
  return root.length > 0 && !root.includes('..') ? root : undefined;
}

/** Ensures in flight in this process, by container name: two copies starting together share one. */
const ensuring = new Map<string, Promise<string>>();

function ensureHostTool(runtime: Runtime, instance: string, image: string, root: string): Promise<string> {
  const name = hostVolumeToolName(instance);
  const pending = ensuring.get(name);
  if (pending) return pending;
  const made = ensureOnce(runtime, instance, name, image, root).finally(() => ensuring.delete(name));
  ensuring.set(name, made);
  return made;
}

async function ensureOnce(runtime: Runtime, instance: string, name: string, image: string, root: string): Promise<string> {
  const imageId = await runtime.imageId(image);
  for (let attempt = 1; ; attempt++) {
    const current = await runtime.inspectContainer(name);
    try {
      if (current && current.imageId === imageId && current.labels[ROOT_LABEL] === root) {
        // Made by another process a moment ago and not started yet, or stopped with the daemon.
        if (current.state !== 'running') await runtime.startContainer(current.id);
        return current.id;
      }
      // Of an older image, or seeing another directory: replaced. Copies that ran in it ended
      // with it, and their operations failed and cleaned up as any failed copy does.
      if (current) await runtime.removeContainer(current.id);
      const id = await runtime.createContainer({
        name,
        Image: image,
        Labels: { [LABEL.managed]: 'true', [LABEL.instance]: instance, [LABEL.role]: HOST_VOLUME_TOOL_ROLE, [ROOT_LABEL]: root },
        // An init reaps what a cancelled copy leaves; the tool's own `sleep` never would.
        HostConfig: {
          ...volumeToolHostConfig([
            { Type: 'bind', Source: root, Target: '/host-ro', ReadOnly: true },
            { Type: 'bind', Source: root, Target: '/host', ReadOnly: false },
          ]),
          Init: true,
        },
      });
      await runtime.startContainer(id);
      return id;
    } catch (error) {
      // Another process (a second worker) made, started or replaced it at the same moment.
      if (attempt < 5 && (isEngineError(error, 'conflict') || isEngineError(error, 'not_found'))) {
        await new Promise((r) => setTimeout(r, 100 * attempt));
        continue;
      }
      throw error;
    }
  }
}

/** Tags (operations) whose copies still run in the warm tool; none when it does not run. */
export async function copiesRunningInHostTool(runtime: Runtime, instance: string): Promise<string[]> {
  const tool = await runtime.inspectContainer(hostVolumeToolName(instance));
  if (tool?.state !== 'running') return [];
  const res = await runtime.exec(tool.id, ['colo-copy-volume', 'running']);
  if (res.exitCode !== 0) return [];
  return res.output
    .replace(/[^\x20-\x7e\n]/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[A-Za-z0-9_.-]+$/.test(l));
}

/** Stops the copies an operation started in the warm tool (its worker died mid-copy). */
export async function cancelCopiesInHostTool(runtime: Runtime, instance: string, tag: string): Promise<void> {
  const tool = await runtime.inspectContainer(hostVolumeToolName(instance));
  if (tool?.state !== 'running') return;
  await runtime.exec(tool.id, ['colo-copy-volume', 'cancel', tag]);
}
