// A Dockerode for one node's engine through its agent: HTTPS to `<node address>:2378` with Colo's
// client certificate. The agents share one server certificate, so the hostname check is replaced
// by the chain (Colo's CA, checked by TLS itself) and the agent's name; the address dialled is
// never in it.
import { Agent } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import Dockerode from 'dockerode';
import { AGENT_SERVER_NAME, DEFAULT_AGENT_PORT } from './agent-names';
import type { AgentClientPems } from './agent-pki';

export interface AgentNode {
  /** The address the node's engine is reached at (its swarm address). */
  address: string;
}

export interface AgentDockerOptions {
  port?: number;
  /** Per-request inactivity timeout (ms); none unless told (log follows and terminals idle). */
  timeout?: number;
}

export function agentDocker(node: AgentNode, pems: AgentClientPems, options: AgentDockerOptions = {}): Dockerode {
  return new Dockerode({
    host: node.address,
    port: options.port ?? DEFAULT_AGENT_PORT,
    protocol: 'https',
    ca: pems.ca,
    cert: pems.cert,
    key: pems.key,
    timeout: options.timeout,
    // No TLS session resumption: socat's listener sets no session id context, and OpenSSL fails
    // the handshake of a client resuming a session with a verified peer ("session id context
    // uninitialized"). Keep-alive still spares most handshakes.
    agent: new Agent({ keepAlive: true, maxCachedSessions: 0 }),
    // docker-modem hands this to https.request: the name, not the address.
    checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(AGENT_SERVER_NAME, cert),
  } as Dockerode.DockerOptions);
}
