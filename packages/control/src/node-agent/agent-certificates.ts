// The node agent's certificates at rest, next to the registry's (same table, their own row
// `node-agent`): issued under the registry's CA (one Colo CA per swarm, registry/registry-ca.ts),
// the agents' server certificate and Colo's client certificate in the clear, both keys sealed
// together under COLO_SECRET_KEY (bound to this row). Reissued when the CA changed (the row
// keeps the CA certificate it was issued under) or a leaf nears its end.
import { AGENT_SERVER_NAME, issueNodeAgentCertificates, type NodeAgentCertificates, nodeAgentCertificatesStale, type PemPair } from '@colo/engine';
import { getPrisma } from '@colo/db';
import { ColoError } from '../errors';
import { registryCertificates } from '../registry/registry-ca';
import { openSecrets, sealSecrets } from '../secrets';

const SEAL_ID = 'node-agent-certificates';
const ROW_ID = 'node-agent';
/** Serialises first issue and renewal across Colo's processes (web, workers). */
const LOCK_KEY = 0x636f6c6f_4e41; // "colo" "NA"

type Row = { caCert: string; serverCert: string; clientCert: string; keysSealed: string };

function opened(row: Row): NodeAgentCertificates {
  const keys = openSecrets(SEAL_ID, row.keysSealed).keys ?? {};
  return { caCert: row.caCert, server: { cert: row.serverCert, key: keys.server ?? '' }, client: { cert: row.clientCert, key: keys.client ?? '' } };
}

function sealed(certs: NodeAgentCertificates) {
  return {
    caCert: certs.caCert,
    serverCert: certs.server.cert,
    clientCert: certs.client.cert,
    hosts: [AGENT_SERVER_NAME],
    keysSealed: sealSecrets(SEAL_ID, { keys: { server: certs.server.key, client: certs.client.key } }),
  };
}

/**
 * The agent's certificates under the swarm's CA, for a manager the nodes reach at `address` (the
 * registry's set is made or renewed for it first, as ensureSwarmRegistry does): the stored ones
 * while they fit, else reissued and stored.
 */
export async function nodeAgentCertificates(address: string, now = new Date()): Promise<NodeAgentCertificates> {
  const { ca } = await registryCertificates([address], now);
  return agentCertificatesUnder(ca, now);
}

export async function agentCertificatesUnder(ca: PemPair, now = new Date()): Promise<NodeAgentCertificates> {
  const stored = await getPrisma().registryCa.findUnique({ where: { id: ROW_ID } });
  if (stored && !nodeAgentCertificatesStale(opened(stored), ca.cert, now)) return opened(stored);
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
    // Another process may have issued them while this one waited for the lock.
    const row = await tx.registryCa.findUnique({ where: { id: ROW_ID } });
    const current = row ? opened(row) : undefined;
    if (current && !nodeAgentCertificatesStale(current, ca.cert, now)) return current;
    const certs = issueNodeAgentCertificates(ca, now);
    const data = sealed(certs);
    await tx.registryCa.upsert({ where: { id: ROW_ID }, create: { id: ROW_ID, ...data }, update: data });
    return certs;
  });
}

/** The stored certificates as they are (what Colo's client uses between ensures); refused before the first. */
export async function storedNodeAgentCertificates(): Promise<NodeAgentCertificates> {
  const row = await getPrisma().registryCa.findUnique({ where: { id: ROW_ID } });
  if (!row) throw new ColoError('bad_request', "Colo's node agent has not been set up on this swarm yet: it is, when Colo first deploys onto the swarm or initialises it");
  return opened(row);
}
