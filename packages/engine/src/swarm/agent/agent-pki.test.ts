import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRegistryCa } from '../registry/registry-pki';
import { AGENT_CLIENT_NAME, AGENT_SERVER_NAME } from './agent-names';
import { agentClientPems, issueNodeAgentCertificates, nodeAgentCertificatesStale } from './agent-pki';

const DAY = 86_400_000;
const ca = createRegistryCa({ commonName: 'test CA' });

describe("the node agent's certificates", () => {
  const certs = issueNodeAgentCertificates(ca);

  it('are a server certificate named for the agent and a client certificate named for Colo, both from the CA', () => {
    const caCert = new X509Certificate(ca.cert);
    const server = new X509Certificate(certs.server.cert);
    const client = new X509Certificate(certs.client.cert);
    expect(server.verify(caCert.publicKey)).toBe(true);
    expect(client.verify(caCert.publicKey)).toBe(true);
    expect(server.checkHost(AGENT_SERVER_NAME)).toBe(AGENT_SERVER_NAME);
    // One certificate for every node: no address in it.
    expect(server.subjectAltName).toBe(`DNS:${AGENT_SERVER_NAME}`);
    expect(client.subject).toContain(`CN=${AGENT_CLIENT_NAME}`);
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth only: not a client certificate
    expect(client.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']); // clientAuth only
    expect(certs.caCert).toBe(ca.cert);
    expect(JSON.stringify(certs)).not.toContain(ca.key.split('\n')[1]);
  });

  it('hand Colo the CA, its certificate and key, never the server key', () => {
    const pems = agentClientPems(certs);
    expect(pems).toEqual({ ca: ca.cert, cert: certs.client.cert, key: certs.client.key });
  });

  it('are stale when missing, under another CA, or near their end; fresh otherwise', () => {
    expect(nodeAgentCertificatesStale(undefined, ca.cert)).toBe(true);
    expect(nodeAgentCertificatesStale(certs, ca.cert)).toBe(false);
    expect(nodeAgentCertificatesStale(certs, createRegistryCa().cert)).toBe(true);
    expect(nodeAgentCertificatesStale(certs, ca.cert, new Date(Date.now() + 800 * DAY))).toBe(true);
    // Certificates that claim the CA but were signed by another key.
    const forged = { ...issueNodeAgentCertificates(createRegistryCa()), caCert: ca.cert };
    expect(nodeAgentCertificatesStale(forged, ca.cert)).toBe(true);
  });
});
