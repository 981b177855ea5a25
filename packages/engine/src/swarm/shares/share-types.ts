// What a share is: one instance volume of one appliance (a NAS), on the node that holds it,
// served to that appliance's `fs` clients on every node of a swarm.
import type { VdcScope } from '../../labels';

/** The user the share server runs as: files written through the share are this user's. */
export interface ShareOwner {
  user: string;
  uid: number;
  gid: number;
}

export interface Share {
  /** shareKey(vdc key, appliance, volume). */
  key: string;
  scope: VdcScope;
  /** The appliance whose volume is shared (the NAS) and the volume's class name. */
  appliance: string;
  volume: string;
  /** The Docker volume on the node (the appliance's instance volume). */
  volumeName: string;
  owner: ShareOwner;
  /** The swarm node holding the volume: the server is pinned there. */
  nodeId: string;
}

/**
 * Users a share may run as. The server's sshd must find its user in the share image's
 * /etc/passwd (Debian's base users), and never root: a share is a user's files, not a machine's.
 */
const OWNERS: Record<string, ShareOwner> = {
  'www-data': { user: 'www-data', uid: 33, gid: 33 },
  '33': { user: 'www-data', uid: 33, gid: 33 },
  '33:33': { user: 'www-data', uid: 33, gid: 33 },
  nobody: { user: 'nobody', uid: 65534, gid: 65534 },
};

/** The owner of a share whose appliance runs as Docker `User` `user`; undefined when unsupported. */
export function shareOwner(user: string | undefined): ShareOwner | undefined {
  return user === undefined ? undefined : OWNERS[user];
}
