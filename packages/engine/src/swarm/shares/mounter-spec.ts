// The mounter: on every node where a client may run, a plain container (a Swarm service cannot
// get /dev/fuse nor CAP_SYS_ADMIN, and only Colo's own system containers ever do) on the share's
// network, mounting the share with sshfs under /var/lib/colo-shares/<key> on the node (bound
// with rshared propagation, so the FUSE mount appears on the node, where clients bind it).
import type Dockerode from 'dockerode';
import { LABEL } from '../../labels';
import { stableHash } from '../../stable-hash';
import { shareLabels } from './server-spec';
import { knownHostsFile, type ShareKeys } from './share-keys';
import { SHARE_ALIAS, SHARE_PORT, SHARES_DIR, shareMounterName, shareNetworkName } from './share-names';
import type { Share } from './share-types';
import { smallTar } from './small-tar';

/** Where the mounter reads its key and known_hosts (colo-mount-share). */
export const MOUNTER_FILES_DIR = '/etc/colo-share';
const MIB = 1024 ** 2;
const SECOND_NS = 1_000_000_000;

export interface MounterSpec {
  create: Dockerode.ContainerCreateOptions & { name: string; Labels: Record<string, string> };
  /** A tar of the key files, put into MOUNTER_FILES_DIR before the first start. */
  files: Buffer;
  specHash: string;
}

export function shareMounterSpec(share: Share, image: string, keys: ShareKeys): MounterSpec {
  const files = smallTar([
    { name: 'id', data: keys.client.privatePem, mode: 0o600 },
    { name: 'known_hosts', data: knownHostsFile(keys, SHARE_ALIAS, SHARE_PORT), mode: 0o644 },
  ]);
  const labels = shareLabels(share, 'share-mounter');
  const create = {
    name: shareMounterName(share.key),
    Image: image,
    Cmd: ['/usr/local/bin/colo-mount-share'],
    Env: [`SHARE_KEY=${share.key}`, `SHARE_HOST=${SHARE_ALIAS}`, `SHARE_USER=${share.owner.user}`, `SHARE_PORT=${SHARE_PORT}`],
    Labels: labels,
    // Healthy while the share is mounted and answers: what ensureShare waits for on each node.
    Healthcheck: {
      Test: ['CMD', '/usr/local/bin/colo-mount-share', '--check'],
      Interval: 2 * SECOND_NS,
      Timeout: 6 * SECOND_NS,
      Retries: 2,
      StartPeriod: 0,
    },
    StopTimeout: 10,
    HostConfig: {
      NetworkMode: shareNetworkName(share.key),
      Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
      CapDrop: ['ALL'],
      // Mounting (FUSE, and the bind that publishes it) is all it does beyond reading its files.
      CapAdd: ['SYS_ADMIN'],
      // Docker's AppArmor profile denies mount(2) whatever the capabilities.
      SecurityOpt: ['apparmor=unconfined', 'no-new-privileges'],
      // `Binds` (not Mounts) creates the node directory on first use.
      Binds: [`${SHARES_DIR}:/shares:rshared`],
      NanoCpus: 500_000_000,
      Memory: 128 * MIB,
      MemorySwap: 128 * MIB,
      PidsLimit: 64,
      RestartPolicy: { Name: 'unless-stopped' },
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '2' } },
    },
  };
  // The files' hash, not the files: a key change replaces the mounter, no key sits in a label.
  const specHash = stableHash({ create, files: stableHash(files.toString('base64')) });
  create.Labels = { ...labels, [LABEL.spec]: specHash };
  return { create, files, specHash };
}
