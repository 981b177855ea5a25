// Names and labels of a share's Docker objects. A share is one instance volume served to `fs`
// clients across the nodes of a swarm; its key names everything made for it, on the manager
// (service, network, secret, configs) and on every node (mounter, mount directory, client volume).
import { stableHash } from '../../stable-hash';

/** The node directory every share is mounted under: /var/lib/colo-shares/<share key>. */
export const SHARES_DIR = '/var/lib/colo-shares';
/** The share server's SSH port on its network (not 22: it runs as the share's owner, not root). */
export const SHARE_PORT = 2222;
/** What the server answers to on its share's network (one network per share: a fixed name is enough). */
export const SHARE_ALIAS = 'share';

export const SHARE_LABEL = {
  /** The share key, on every object made for the share. */
  share: 'colo.share',
  /** `share-server`, `share-mounter`, `share-network`, `share-key`, `share-client` (the node volume). */
  role: 'colo.role',
} as const;

/**
 * `<vdc key>-<appliance>-<volume>`, the NAS's instance volume without `colo-`; kept within 50
 * characters (a hash of the whole replaces the tail) so every name built on it stays a DNS label.
 */
export function shareKey(vdcKey: string, appliance: string, volume: string): string {
  const whole = `${vdcKey}-${appliance}-${volume}`.toLowerCase();
  return whole.length <= 50 ? whole : `${whole.slice(0, 41)}-${stableHash(whole, 8)}`;
}

export function shareServiceName(key: string): string {
  return `colo-${key}-share`;
}

/** The internal attachable overlay only the server and the mounters join. */
export function shareNetworkName(key: string): string {
  return `colo-${key}-share-net`;
}

/** The mounter container on each node (a plain container: it needs /dev/fuse). */
export function shareMounterName(key: string): string {
  return `colo-${key}-share-mounter`;
}

/** The `local` bind volume clients mount, created by Swarm on whichever node runs a client task. */
export function shareClientVolumeName(key: string): string {
  return `colo-${key}-share`;
}

/** Where the share is mounted on every node. */
export function shareMountDir(key: string): string {
  return `${SHARES_DIR}/${key}`;
}

/**
 * Secrets and configs are immutable: a content hash in the name lets a change make a new one.
 * Swarm allows 64 characters: the key shows only its first 30 (found by its label anyway), the
 * hash covers the whole key too so two keys with one prefix never share a name.
 */
export function shareKeyObjectName(key: string, part: 'hostkey' | 'authorized' | 'sshd', content: string): string {
  return `colo-${key.slice(0, 30).replace(/-+$/, '')}-${part}-${stableHash(`${key}\n${content}`, 12)}`;
}
