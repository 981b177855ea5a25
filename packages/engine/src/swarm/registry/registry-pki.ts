// Colo's own small PKI for the swarm registry: a CA, the registry's server certificate (its SAN
// names the manager's address the nodes dial) and the relays' client certificate. The registry
// requires a client certificate from this CA, so nobody else can push or pull.
//
// Keys come from Node's crypto (native RSA-2048); node-forge only assembles and signs the X.509
// structures, which Node cannot build. Forge has no dependencies and no install script, and signs
// RSA only, hence RSA rather than ECDSA. Everything is PEM in and out: callers keep the CA.
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';
import { EngineError } from '../../engine-error';

export interface PemPair {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#1 RSA). Secret: never logged, never in an image or env. */
  key: string;
}

export interface RegistryCertificates {
  ca: PemPair;
  /** The registry's: serverAuth, SAN = the hosts the nodes dial. */
  server: PemPair;
  /** The relays': clientAuth. */
  client: PemPair;
}

const DAY_MS = 86_400_000;
/** The CA outlives many server certificates; both are reissued by Colo, never by a person. */
export const CA_DAYS = 3650;
export const LEAF_DAYS = 825;
/** A leaf this close to its end is reissued by the next `ensure`. */
export const RENEW_BEFORE_DAYS = 30;

function newKeyPair(): { forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { forgeKey, publicKey: forge.pki.rsa.setPublicKey(forgeKey.n, forgeKey.e), pem };
}

/** A positive random 128-bit serial (the top bit cleared: DER integers are signed). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function validity(cert: forge.pki.Certificate, days: number, now: Date): void {
  // A minute back: a node whose clock is slightly behind still accepts a fresh certificate.
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + days * DAY_MS);
}

export function createRegistryCa(options: { commonName?: string; days?: number; now?: Date } = {}): PemPair {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  validity(cert, options.days ?? CA_DAYS, options.now ?? new Date());
  const subject = [
    { name: 'commonName', value: options.commonName ?? 'Colo registry CA' },
    { name: 'organizationName', value: 'Colo' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    // pathlen 0: this CA signs leaves only, never another CA.
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.forgeKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.pem };
}

export interface LeafOptions {
  kind: 'server' | 'client';
  commonName: string;
  /** Server only: the addresses and names clients dial (IPs become IP SANs, the rest DNS SANs). */
  hosts?: string[];
  days?: number;
  now?: Date;
}

export function issueRegistryCertificate(ca: PemPair, options: LeafOptions): PemPair {
  const hosts = options.hosts ?? [];
  if (options.kind === 'server' && hosts.length === 0) {
    throw new EngineError('invalid_manifest', 'a registry server certificate needs at least one host (the manager address the nodes dial)');
  }
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const caKey = forge.pki.privateKeyFromPem(ca.key);
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  validity(cert, options.days ?? LEAF_DAYS, options.now ?? new Date());
  cert.setSubject([
    { name: 'commonName', value: options.commonName },
    { name: 'organizationName', value: 'Colo' },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  const caKeyId = caCert.generateSubjectKeyIdentifier().getBytes();
  const extensions: object[] = [
    { name: 'basicConstraints', cA: false, critical: true },
    options.kind === 'server'
      ? { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, critical: true },
    { name: 'extKeyUsage', serverAuth: options.kind === 'server', clientAuth: options.kind === 'client' },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caKeyId },
  ];
  if (hosts.length > 0) {
    extensions.push({ name: 'subjectAltName', altNames: hosts.map((h) => (isIP(h) ? { type: 7, ip: h } : { type: 2, value: h })) });
  }
  cert.setExtensions(extensions);
  cert.sign(caKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.pem };
}

/** A fresh set: a new CA, the registry's certificate for `hosts`, the relays' certificate. */
export function createRegistryCertificates(hosts: string[], now = new Date()): RegistryCertificates {
  const ca = createRegistryCa({ now });
  return { ca, ...issueLeaves(ca, hosts, now) };
}

/** New leaves under an existing CA (the hosts changed, or the old ones are near their end). */
export function issueLeaves(ca: PemPair, hosts: string[], now = new Date()): Omit<RegistryCertificates, 'ca'> {
  return {
    server: issueRegistryCertificate(ca, { kind: 'server', commonName: hosts[0] ?? 'colo-registry', hosts, now }),
    client: issueRegistryCertificate(ca, { kind: 'client', commonName: 'colo-registry-relay', now }),
  };
}

/**
 * Whether a set must be (partly) reissued for `hosts` at `now`: 'ca' when the CA itself is
 * missing or near its end (everything is new), 'leaves' when the server certificate does not name
 * exactly these hosts, does not chain to the CA, or a leaf is near its end; 'none' otherwise.
 */
export function certificatesNeed(certs: RegistryCertificates | undefined, hosts: string[], now = new Date()): 'ca' | 'leaves' | 'none' {
  if (!certs) return 'ca';
  const renewAt = now.getTime() + RENEW_BEFORE_DAYS * DAY_MS;
  const ca = new X509Certificate(certs.ca.cert);
  if (Date.parse(ca.validTo) < renewAt) return 'ca';
  for (const pair of [certs.server, certs.client]) {
    const leaf = new X509Certificate(pair.cert);
    if (Date.parse(leaf.validTo) < renewAt || !leaf.verify(ca.publicKey)) return 'leaves';
  }
  const named = subjectAltNames(certs.server.cert).sort();
  const wanted = [...new Set(hosts)].sort();
  return named.length === wanted.length && named.every((h, i) => h === wanted[i]) ? 'none' : 'leaves';
}

/** The SAN entries of a certificate, as plain host strings (`10.0.0.1`, `registry.example`). */
export function subjectAltNames(certPem: string): string[] {
  const text = new X509Certificate(certPem).subjectAltName ?? '';
  return text
    .split(/,\s*/)
    .filter(Boolean)
    .map((entry) => entry.replace(/^(IP Address|DNS):/, ''));
}
