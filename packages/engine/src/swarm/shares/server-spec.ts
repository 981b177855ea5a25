// The share server: a Swarm service pinned to the node holding the volume, running OpenSSH's
// sshd as the share's owner (not root) with no capability on a read-only root, serving nothing
// but internal-sftp of /share to the one client key, on the share's own overlay network.
import type Dockerode from 'dockerode';
import { LABEL } from '../../labels';
import { stableHash } from '../../stable-hash';
import { authorizedKeysFile, type ShareKeys } from './share-keys';
import { SHARE_ALIAS, SHARE_LABEL, SHARE_PORT, shareKeyObjectName, shareNetworkName, shareServiceName } from './share-names';
import type { Share } from './share-types';

/** A Swarm secret to create before the service (immutable: a new content has a new name). */
export interface ShareSecret {
  name: string;
  data: string;
  labels: Record<string, string>;
}

export interface ShareServerSpec {
  secrets: ShareSecret[];
  service: Dockerode.CreateServiceOptions & { Name: string; Labels: Record<string, string>; TaskTemplate: Dockerode.ContainerTaskSpec };
  /** Hash of everything above: the service's `colo.spec` label. */
  specHash: string;
}

const SECRETS_DIR = '/run/secrets';
const MIB = 1024 ** 2;

/** Labels every object of a share carries (the VDC's, so a VDC's purge finds them too). */
export function shareLabels(share: Share, role: string): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.instance]: share.scope.instance,
    [LABEL.vdc]: share.scope.vdcId,
    [LABEL.appliance]: share.appliance,
    [LABEL.volume]: share.volume,
    [SHARE_LABEL.share]: share.key,
    [SHARE_LABEL.role]: role,
  };
}

/** sshd's whole configuration: key login as the share's owner, SFTP only, nothing forwarded. */
export function sshdConfig(share: Share): string {
  return [
    `Port ${SHARE_PORT}`,
    `HostKey ${SECRETS_DIR}/hostkey`,
    `AuthorizedKeysFile ${SECRETS_DIR}/authorized_keys`,
    // The secrets are Swarm's (root-owned directory): sshd's ownership checks would refuse them.
    'StrictModes no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    `AllowUsers ${share.owner.user}`,
    'ForceCommand internal-sftp',
    'Subsystem sftp internal-sftp',
    'AllowTcpForwarding no',
    'AllowStreamLocalForwarding no',
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PermitTunnel no',
    'PrintMotd no',
    // Not root: no pid file to write on the read-only root.
    'PidFile none',
    '',
  ].join('\n');
}

export function shareServerSpec(share: Share, image: string, keys: ShareKeys): ShareServerSpec {
  const files = [
    { part: 'hostkey' as const, file: 'hostkey', data: keys.host.privatePem, mode: 0o400 },
    { part: 'authorized' as const, file: 'authorized_keys', data: authorizedKeysFile(keys), mode: 0o444 },
    { part: 'sshd' as const, file: 'sshd_config', data: sshdConfig(share), mode: 0o444 },
  ];
  const secrets = files.map((f) => ({ name: shareKeyObjectName(share.key, f.part, f.data), data: f.data, labels: shareLabels(share, 'share-key') }));
  const labels = shareLabels(share, 'share-server');
  const uid = String(share.owner.uid);
  const gid = String(share.owner.gid);
  const body = {
    Name: shareServiceName(share.key),
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: image,
        Labels: labels,
        Hostname: SHARE_ALIAS,
        Command: ['/usr/sbin/sshd'],
        Args: ['-D', '-e', '-f', `${SECRETS_DIR}/sshd_config`],
        User: `${uid}:${gid}`,
        ReadOnly: true,
        CapabilityDrop: ['ALL'],
        Mounts: [
          // NoCopy: the NAS's files, never the image's empty /share.
          { Type: 'volume', Source: share.volumeName, Target: '/share', VolumeOptions: { NoCopy: true } },
          { Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 16 * MIB } },
        ],
        Secrets: secrets.map((s, i) => ({
          SecretName: s.name,
          File: { Name: files[i]!.file, UID: uid, GID: gid, Mode: files[i]!.mode },
        })),
        StopGracePeriod: 5_000_000_000,
      },
      Resources: { Limits: { NanoCPUs: 500_000_000, MemoryBytes: 128 * MIB } },
      RestartPolicy: { Condition: 'any', Delay: 1_000_000_000 },
      // The volume lives on one node: the server runs there or not at all.
      Placement: { Constraints: [`node.id==${share.nodeId}`] },
      Networks: [{ Target: shareNetworkName(share.key), Aliases: [SHARE_ALIAS] }],
    },
    Mode: { Replicated: { Replicas: 1 } },
    // The service VIP (IPVS) does not route on every node: DNS names the task itself.
    EndpointSpec: { Mode: 'dnsrr' as const },
  };
  // The secrets' names carry their contents' hashes, so the body alone says what changed.
  const specHash = stableHash(body);
  body.Labels = { ...labels, [LABEL.spec]: specHash };
  return { secrets, service: body as ShareServerSpec['service'], specHash };
}

/** The overlay the server and the mounters meet on: internal (nothing else routes), attachable
 * (the mounters are plain containers). */
export function shareNetworkSpec(share: Share): Dockerode.NetworkCreateOptions {
  return {
    Name: shareNetworkName(share.key),
    Driver: 'overlay',
    Internal: true,
    Attachable: true,
    CheckDuplicate: true,
    Labels: shareLabels(share, 'share-network'),
  };
}
