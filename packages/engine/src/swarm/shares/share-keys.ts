// The two SSH key pairs of a share: the server's host key (the mounters know it, so no mounter
// ever trusts a server it was not told about) and the client key (the server's one authorized
// key). Derived from Colo's secret key and the share key, not drawn at random: any worker finds
// the same keys again without storing them anywhere, so a second ensureShare changes nothing and
// a node that joins later gets a mounter that fits the running server.
//
// ECDSA P-256 because OpenSSH reads its private key in PEM (SEC1) and node:crypto writes that;
// the public lines are OpenSSH's wire format written here (RFC 5656 §3.1).
import { createECDH, createHash, createPrivateKey, hkdfSync } from 'node:crypto';

export interface SshKeyPair {
  /** `-----BEGIN EC PRIVATE KEY-----…`, what sshd's HostKey and ssh's IdentityFile read. */
  privatePem: string;
  /** `ecdsa-sha2-nistp256 AAAA…` (no comment). */
  publicLine: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
}

export interface ShareKeys {
  host: SshKeyPair;
  client: SshKeyPair;
}

const KEY_TYPE = 'ecdsa-sha2-nistp256';
/** The order of P-256: a private scalar is in [1, N). */
const N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/**
 * The keys of one share. `generation` changes them all (a rotation): the server and every
 * mounter are then replaced, since their spec hashes include the keys' fingerprints.
 */
export function shareKeys(secret: string | Buffer, shareKey: string, generation = 1): ShareKeys {
  if (secret.length < 16) throw new Error('shareKeys: the secret is too short to derive keys from');
  return {
    host: keyPairFromScalar(derivedScalar(secret, `${shareKey}:host:${generation}`)),
    client: keyPairFromScalar(derivedScalar(secret, `${shareKey}:client:${generation}`)),
  };
}

/** The key pair of a P-256 private scalar (32 bytes, big-endian). */
export function keyPairFromScalar(scalar: Buffer): SshKeyPair {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(scalar);
  const point = ecdh.getPublicKey(); // uncompressed: 0x04 ‖ X ‖ Y
  const jwk = { kty: 'EC', crv: 'P-256', d: scalar.toString('base64url'), x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
  const privatePem = createPrivateKey({ key: jwk, format: 'jwk' }).export({ type: 'sec1', format: 'pem' }).toString();
  const blob = Buffer.concat([sshString(KEY_TYPE), sshString('nistp256'), sshString(point)]);
  return {
    privatePem,
    publicLine: `${KEY_TYPE} ${blob.toString('base64')}`,
    fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
  };
}

/** sshd's AuthorizedKeysFile: the client key, and nothing it may do but SFTP (ForceCommand too). */
export function authorizedKeysFile(keys: ShareKeys): string {
  return `restrict ${keys.client.publicLine} colo-share-client\n`;
}

/** ssh's UserKnownHostsFile: the server's host key under the name and port the mounter dials. */
export function knownHostsFile(keys: ShareKeys, host: string, port: number): string {
  const name = port === 22 ? host : `[${host}]:${port}`;
  return `${name} ${keys.host.publicLine}\n`;
}

function derivedScalar(secret: string | Buffer, info: string): Buffer {
  for (let attempt = 0; ; attempt++) {
    const bytes = Buffer.from(hkdfSync('sha256', secret, 'colo-share-keys', `${info}:${attempt}`, 32));
    const d = BigInt(`0x${bytes.toString('hex')}`);
    // Outside [1, N) once in 2^32 tries: take the next block rather than bias the key.
    if (d > 0n && d < N) return bytes;
  }
}

function sshString(value: string | Buffer): Buffer {
  const body = typeof value === 'string' ? Buffer.from(value) : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}
