// The share server's service, the mounter's container and the clients' mount: what each runs,
// as whom, with what rights, where; and that a spec hash moves with what it covers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shareClientMount } from './client-mount';
import { shareMounterSpec } from './mounter-spec';
import { shareNetworkSpec, shareServerSpec, sshdConfig } from './server-spec';
import { shareKeys } from './share-keys';
import { shareKey, shareKeyObjectName, shareMountDir } from './share-names';
import type { Share } from './share-types';
import { smallTar } from './small-tar';

const share: Share = {
  key: shareKey('shop-k3j9x2', 'content', 'share'),
  scope: { instance: 'test', vdcId: 'vdc_k3j9x2abcdef' },
  appliance: 'content',
  volume: 'share',
  volumeName: 'colo-shop-k3j9x2-content-share',
  owner: { user: 'www-data', uid: 33, gid: 33 },
  nodeId: 'node-1',
};
const keys = shareKeys('unit-test-secret-0123456789abcdef', share.key);
const IMAGE = 'colo/share:1';

describe('share names', () => {
  it('keys a share by VDC key, appliance and volume, within 50 characters', () => {
    expect(share.key).toBe('shop-k3j9x2-content-share');
    expect(shareMountDir(share.key)).toBe('/var/lib/colo-shares/shop-k3j9x2-content-share');
    const long = shareKey('a-very-long-vdc-name-for-testing-abc123', 'storage-appliance', 'volume');
    expect(long).toHaveLength(50);
    expect(long).toMatch(/^a-very-long-vdc-name-for-testing-abc123-s-[0-9a-f]{8}$/);
    expect(shareKey('a-very-long-vdc-name-for-testing-abc123', 'storage-appliance', 'other')).not.toBe(long);
  });
});

describe('shareServerSpec', () => {
  const { service, secrets, specHash } = shareServerSpec(share, IMAGE, keys);
  const spec = service.TaskTemplate?.ContainerSpec;

  it('runs sshd as the share owner, no capability, read-only root, pinned to the volume\'s node', () => {
    expect(service.Name).toBe('colo-shop-k3j9x2-content-share-share');
    expect(spec).toMatchObject({
      Image: IMAGE,
      Command: ['/usr/sbin/sshd'],
      Args: ['-D', '-e', '-f', '/run/secrets/sshd_config'],
      User: '33:33',
      ReadOnly: true,
      CapabilityDrop: ['ALL'],
    });
    expect(spec?.Mounts).toEqual([
      { Type: 'volume', Source: 'colo-shop-k3j9x2-content-share', Target: '/share', VolumeOptions: { NoCopy: true } },
      { Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 16 * 1024 ** 2 } },
    ]);
    expect(service.TaskTemplate?.Placement?.Constraints).toEqual(['node.id==node-1']);
    expect(service.TaskTemplate?.Networks).toEqual([{ Target: 'colo-shop-k3j9x2-content-share-share-net', Aliases: ['share'] }]);
    expect(service.EndpointSpec).toEqual({ Mode: 'dnsrr' });
    expect(service.Mode).toEqual({ Replicated: { Replicas: 1 } });
    expect(service.Labels).toMatchObject({
      'colo.managed': 'true',
      'colo.instance': 'test',
      'colo.vdc': share.scope.vdcId,
      'colo.appliance': 'content',
      'colo.share': share.key,
      'colo.role': 'share-server',
      'colo.spec': specHash,
    });
  });

  it('gives sshd its key, the one client key and its config as secrets, the key readable by the owner alone', () => {
    expect(secrets.map((s) => s.name)).toEqual([
      expect.stringMatching(/^colo-shop-k3j9x2-content-share-hostkey-[0-9a-f]{12}$/),
      expect.stringMatching(/^colo-shop-k3j9x2-content-share-authorized-[0-9a-f]{12}$/),
      expect.stringMatching(/^colo-shop-k3j9x2-content-share-sshd-[0-9a-f]{12}$/),
    ]);
    // Swarm refuses names over 64 characters: the longest key (50) still fits, and stays apart.
    const long = shareKey('lamp-cluster-tpzy8p-with-a-long-name', 'content', 'share');
    const other = shareKey('lamp-cluster-tpzy8p-with-a-long-name', 'content', 'other');
    expect(long.length).toBe(50);
    expect(shareKeyObjectName(long, 'authorized', 'x').length).toBeLessThanOrEqual(64);
    expect(shareKeyObjectName(long, 'authorized', 'x')).not.toBe(shareKeyObjectName(other, 'authorized', 'x'));
    expect(secrets[0]?.data).toBe(keys.host.privatePem);
    expect(secrets[1]?.data).toContain(keys.client.publicLine);
    expect(secrets[1]?.data).not.toContain(keys.host.publicLine);
    expect(spec?.Secrets?.[0]).toEqual({ SecretName: secrets[0]?.name, File: { Name: 'hostkey', UID: '33', GID: '33', Mode: 0o400 } });
    // No private key in a label or the service's own fields.
    expect(JSON.stringify(service)).not.toContain('PRIVATE KEY');
  });

  it('configures SFTP only, by key only, as the owner only, with no pid file', () => {
    const config = sshdConfig(share).split('\n');
    for (const line of [
      'Port 2222',
      'HostKey /run/secrets/hostkey',
      'AuthorizedKeysFile /run/secrets/authorized_keys',
      'StrictModes no',
      'PasswordAuthentication no',
      'ForceCommand internal-sftp',
      'Subsystem sftp internal-sftp',
      'PidFile none',
      'AllowUsers www-data',
      'AllowTcpForwarding no',
    ]) {
      expect(config).toContain(line);
    }
  });

  it('changes its spec hash with the keys or the node, and not otherwise', () => {
    expect(shareServerSpec(share, IMAGE, keys).specHash).toBe(specHash);
    expect(shareServerSpec({ ...share, nodeId: 'node-2' }, IMAGE, keys).specHash).not.toBe(specHash);
    expect(shareServerSpec(share, IMAGE, shareKeys('unit-test-secret-0123456789abcdef', share.key, 2)).specHash).not.toBe(specHash);
  });

  it('meets the mounters on an internal attachable overlay', () => {
    expect(shareNetworkSpec(share)).toMatchObject({ Name: 'colo-shop-k3j9x2-content-share-share-net', Driver: 'overlay', Internal: true, Attachable: true });
  });
});

describe('shareMounterSpec', () => {
  const { create, files, specHash } = shareMounterSpec(share, IMAGE, keys);

  it('is a plain container with /dev/fuse and SYS_ADMIN alone, on the share network, binding the node directory rshared', () => {
    expect(create.name).toBe('colo-shop-k3j9x2-content-share-share-mounter');
    expect(create.Cmd).toEqual(['/usr/local/bin/colo-mount-share']);
    expect(create.Env).toEqual(['SHARE_KEY=shop-k3j9x2-content-share', 'SHARE_HOST=share', 'SHARE_USER=www-data', 'SHARE_PORT=2222']);
    expect(create.HostConfig).toMatchObject({
      NetworkMode: 'colo-shop-k3j9x2-content-share-share-net',
      Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
      CapDrop: ['ALL'],
      CapAdd: ['SYS_ADMIN'],
      Binds: ['/var/lib/colo-shares:/shares:rshared'],
      RestartPolicy: { Name: 'unless-stopped' },
    });
    expect(create.HostConfig?.Privileged).toBeUndefined();
    expect(create.Healthcheck?.Test).toEqual(['CMD', '/usr/local/bin/colo-mount-share', '--check']);
    expect(create.Labels).toMatchObject({ 'colo.share': share.key, 'colo.role': 'share-mounter', 'colo.spec': specHash });
    expect(JSON.stringify(create)).not.toContain('PRIVATE KEY');
  });

  it('brings its key (root, 0600) and known_hosts in a tar, hashed into its spec', () => {
    expect(files).toEqual(
      smallTar([
        { name: 'id', data: keys.client.privatePem, mode: 0o600 },
        { name: 'known_hosts', data: `[share]:2222 ${keys.host.publicLine}\n`, mode: 0o644 },
      ]),
    );
    // What tar itself reads (Docker's unpacker is as strict about the header checksum).
    const dir = mkdtempSync(path.join(tmpdir(), 'colo-share-tar-'));
    try {
      writeFileSync(path.join(dir, 'files.tar'), files);
      const listed = execFileSync('tar', ['-tvf', path.join(dir, 'files.tar'), '--numeric-owner'], { encoding: 'utf8' });
      expect(listed).toMatch(/^-rw------- 0\/0 +\d+ .* id\n-rw-r--r-- 0\/0 +\d+ .* known_hosts\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(shareMounterSpec(share, IMAGE, shareKeys('unit-test-secret-0123456789abcdef', share.key, 2)).specHash).not.toBe(specHash);
  });
});

describe('shareClientMount', () => {
  it('binds the node\'s mount of the share through a local volume, copying nothing into it', () => {
    expect(shareClientMount(share.scope, share.key, '/srv/share', false)).toEqual({
      Type: 'volume',
      Source: 'colo-shop-k3j9x2-content-share-share',
      Target: '/srv/share',
      ReadOnly: false,
      VolumeOptions: {
        NoCopy: true,
        Labels: { 'colo.managed': 'true', 'colo.instance': 'test', 'colo.vdc': share.scope.vdcId, 'colo.share': share.key, 'colo.role': 'share-client' },
        DriverConfig: { Name: 'local', Options: { type: 'none', o: 'bind', device: '/var/lib/colo-shares/shop-k3j9x2-content-share' } },
      },
    });
  });
});
