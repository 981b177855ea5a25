// The registry's PKI, read back with Node's own X.509 parser (not forge, which made them): the
// CA is a CA, leaves chain to it with the right key usage, the server names the manager's
// address, and renewal is asked for exactly when it is due.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { certificatesNeed, createRegistryCertificates, issueLeaves, subjectAltNames } from './registry-pki';

const DAY = 86_400_000;
const now = new Date('2026-12-03T12:00:00Z');
const certs = createRegistryCertificates(['10.214.7.2', 'manager.example'], now);
const ca = new X509Certificate(certs.ca.cert);
const server = new X509Certificate(certs.server.cert);
const client = new X509Certificate(certs.client.cert);

/** Key usage and extended key usage as forge reads them (Node exposes only the extended one). */
function usages(pem: string) {
  const cert = forge.pki.certificateFromPem(pem);
  const ext = (name: string) => cert.getExtension(name) as Record<string, unknown> | null;
  return { basic: ext('basicConstraints'), keyUsage: ext('keyUsage'), extKeyUsage: ext('extKeyUsage') };
}

describe('registry certificates', () => {
  it('a self-signed CA, valid for ten years, that may sign leaves only', () => {
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.subject).toContain('CN=Colo registry CA');
    expect(Date.parse(ca.validTo) - now.getTime()).toBeGreaterThan(3649 * DAY);
    expect(Date.parse(ca.validFrom)).toBeLessThanOrEqual(now.getTime());
    const { basic, keyUsage } = usages(certs.ca.cert);
    expect(basic).toMatchObject({ cA: true, pathLenConstraint: 0, critical: true });
    expect(keyUsage).toMatchObject({ keyCertSign: true, cRLSign: true, digitalSignature: false, critical: true });
  });

  it("the server's certificate chains to the CA and names the manager's address (IP SAN) and name", () => {
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.checkIP('10.214.7.2')).toBe('10.214.7.2');
    expect(server.checkHost('manager.example')).toBe('manager.example');
    expect(server.checkIP('10.214.7.3')).toBeUndefined();
    expect(subjectAltNames(certs.server.cert).sort()).toEqual(['10.214.7.2', 'manager.example']);
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth only
    const { basic, keyUsage } = usages(certs.server.cert);
    expect(basic).toMatchObject({ cA: false });
    expect(keyUsage).toMatchObject({ digitalSignature: true, keyEncipherment: true, keyCertSign: false, critical: true });
    expect(Date.parse(server.validTo) - now.getTime()).toBeGreaterThan(824 * DAY);
    expect(Date.parse(server.validTo)).toBeLessThan(Date.parse(ca.validTo));
  });

  it("the relays' certificate is for client authentication only, and names no host", () => {
    expect(client.verify(ca.publicKey)).toBe(true);
    expect(client.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']); // clientAuth only
    expect(client.subjectAltName).toBeUndefined();
    expect(usages(certs.client.cert).keyUsage).toMatchObject({ digitalSignature: true, keyCertSign: false });
  });

  it('each key is the private half of its certificate, and every serial differs', () => {
    for (const pair of [certs.ca, certs.server, certs.client]) {
      const x = new X509Certificate(pair.cert);
      expect(x.checkPrivateKey(createPrivateKey(pair.key))).toBe(true);
    }
    expect(new Set([ca.serialNumber, server.serialNumber, client.serialNumber]).size).toBe(3);
    expect(server.checkPrivateKey(createPrivateKey(certs.client.key))).toBe(false);
  });

  it('a leaf from another CA does not verify against this one', () => {
    const other = createRegistryCertificates(['10.214.7.2'], now);
    expect(new X509Certificate(other.server.cert).verify(ca.publicKey)).toBe(false);
    expect(certificatesNeed({ ...certs, server: other.server }, ['10.214.7.2', 'manager.example'], now)).toBe('leaves');
  });

  it('asks for renewal only when due: new hosts or leaves near their end reissue leaves; a CA near its end, everything', () => {
    const hosts = ['manager.example', '10.214.7.2'];
    expect(certificatesNeed(certs, hosts, now)).toBe('none');
    expect(certificatesNeed(undefined, hosts, now)).toBe('ca');
    expect(certificatesNeed(certs, ['10.214.7.9'], now)).toBe('leaves');
    expect(certificatesNeed(certs, hosts, new Date(now.getTime() + 800 * DAY))).toBe('leaves');
    expect(certificatesNeed(certs, hosts, new Date(now.getTime() + 3630 * DAY))).toBe('ca');
    const renewed = { ca: certs.ca, ...issueLeaves(certs.ca, ['10.214.7.9'], now) };
    expect(certificatesNeed(renewed, ['10.214.7.9'], now)).toBe('none');
    expect(new X509Certificate(renewed.server.cert).verify(ca.publicKey)).toBe(true);
  });
});
