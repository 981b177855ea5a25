// What an `fs` client mounts on a swarm instead of the NAS's volume: a `local` volume binding
// the node's mount of the share. Swarm creates it on whichever node runs the task; when the
// share is not mounted there, the directory does not exist, the bind fails and Swarm retries
// the task (never an empty directory served as the share).
import type Dockerode from 'dockerode';
import { LABEL, type VdcScope } from '../../labels';
import { SHARE_LABEL, shareClientVolumeName, shareMountDir } from './share-names';

export function shareClientMount(scope: VdcScope, key: string, target: string, readOnly: boolean): Dockerode.MountSettings {
  return {
    Type: 'volume',
    Source: shareClientVolumeName(key),
    Target: target,
    ReadOnly: readOnly,
    VolumeOptions: {
      // Never copy the client image's files at `target` into the share.
      NoCopy: true,
      Labels: {
        [LABEL.managed]: 'true',
        [LABEL.instance]: scope.instance,
        [LABEL.vdc]: scope.vdcId,
        [SHARE_LABEL.share]: key,
        [SHARE_LABEL.role]: 'share-client',
      },
      DriverConfig: { Name: 'local', Options: { type: 'none', o: 'bind', device: shareMountDir(key) } },
    },
  } as Dockerode.MountSettings;
}
