// The node agent's two certificates under Colo's one swarm CA (the registry's, registry-pki.ts):
// the agents' server certificate (one for every node, named AGENT_SERVER_NAME) and Colo's client
// certificate (AGENT_CLIENT_NAME, the only name an agent accepts). Reissued when the CA changed
// or a leaf nears its end; callers keep them (control seals the keys).
import { X509Certificate } from 'node:crypto';
import { type PemPair, RENEW_BEFORE_DAYS, issueRegistryCertificate } from '../registry/registry-pki';
import { AGENT_CLIENT_NAME, AGENT_SERVER_NAME } from './agent-names';

export interface NodeAgentCertificates {
  /** The CA's certificate (public): what both sides check the other's chain against. */
  caCert: string;
  /** The agents': serverAuth, SAN DNS:colo-node-agent. Its key is on every node (a Swarm secret). */
  server: PemPair;
  /** Colo's: clientAuth, CN colo-node-agent-client. Its key never leaves Colo. */
  client: PemPair;
}

/** What Colo's side holds to talk to any agent: the CA to check the agent, its own certificate and key. */
export interface AgentClientPems {
  ca: string;
  cert: string;
  key: string;
}

const DAY_MS = 86_400_000;

export function issueNodeAgentCertificates(ca: PemPair, now = new Date()): NodeAgentCertificates {
  return {
    caCert: ca.cert,
    server: issueRegistryCertificate(ca, { kind: 'server', commonName: AGENT_SERVER_NAME, hosts: [AGENT_SERVER_NAME], now }),
    client: issueRegistryCertificate(ca, { kind: 'client', commonName: AGENT_CLIENT_NAME, now }),
  };
}

/** True when `certs` must be reissued under `caCert`: missing, another CA, not chained to it, or a leaf near its end. */
export function nodeAgentCertificatesStale(certs: NodeAgentCertificates | undefined, caCert: string, now = new Date()): boolean {
  if (!certs || certs.caCert !== caCert) return true;
  const ca = new X509Certificate(caCert);
  const renewAt = now.getTime() + RENEW_BEFORE_DAYS * DAY_MS;
  return [certs.server, certs.client].some((pair) => {
    const leaf = new X509Certificate(pair.cert);
    return Date.parse(leaf.validTo) < renewAt || !leaf.verify(ca.publicKey);
  });
}

export function agentClientPems(certs: NodeAgentCertificates): AgentClientPems {
  return { ca: certs.caCert, cert: certs.client.cert, key: certs.client.key };
}
