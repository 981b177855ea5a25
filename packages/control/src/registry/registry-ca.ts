// The certificates of Colo's swarm registry, kept in Postgres like Colo's other secrets: the
// PEM certificates in the clear, the three private keys sealed together under COLO_SECRET_KEY
// (bound to this row). Made on first use; the leaves are reissued when the manager's address
// changes or they near their end, the whole set when the CA does. A reissue changes the
// content-named Swarm secrets, so the next ensure rolls the services onto the new ones.
import { certificatesNeed, createRegistryCertificates, issueLeaves, type RegistryCertificates } from '@colo/engine';
import { getPrisma } from '@colo/db';
import { openSecrets, sealSecrets } from '../secrets';

/** The AAD the keys are sealed under: a blob copied onto another row does not open. */
const SEAL_ID = 'registry-ca';
const ROW_ID = 'registry';
/** Serialises first use and renewal across Colo's processes (web, workers). */
const LOCK_KEY = 0x636f6c6f_5245; // "colo" "RE"

type Row = { caCert: string; serverCert: string; clientCert: string; keysSealed: string };

function opened(row: Row): RegistryCertificates {
  const keys = openSecrets(SEAL_ID, row.keysSealed).keys ?? {};
  return {
    ca: { cert: row.caCert, key: keys.ca ?? '' },
    server: { cert: row.serverCert, key: keys.server ?? '' },
    client: { cert: row.clientCert, key: keys.client ?? '' },
  };
}

function sealed(certs: RegistryCertificates, hosts: string[]) {
  return {
    caCert: certs.ca.cert,
    serverCert: certs.server.cert,
    clientCert: certs.client.cert,
    hosts,
    keysSealed: sealSecrets(SEAL_ID, { keys: { ca: certs.ca.key, server: certs.server.key, client: certs.client.key } }),
  };
}

/**
 * The registry's certificates for `hosts` (the manager address the relays dial): the stored
 * ones while they fit, else reissued and stored. Never returns a set that does not fit `hosts`.
 */
export async function registryCertificates(hosts: string[], now = new Date()): Promise<RegistryCertificates> {
  const stored = await getPrisma().registryCa.findUnique({ where: { id: ROW_ID } });
  const current = stored ? opened(stored) : undefined;
  const need = certificatesNeed(current, hosts, now);
  if (need === 'none' && current) return current;
  // Made before the transaction: three RSA keys take a moment on a busy machine, and the lock is
  // held only to compare and write.
  const made = need === 'leaves' && current ? { ca: current.ca, ...issueLeaves(current.ca, hosts, now) } : createRegistryCertificates(hosts, now);
  return getPrisma().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
      // Another process may have made or renewed them while this one worked: theirs win if they fit.
      const row = await tx.registryCa.findUnique({ where: { id: ROW_ID } });
      const latest = row ? opened(row) : undefined;
      if (latest && certificatesNeed(latest, hosts, now) === 'none') return latest;
      const data = sealed(made, hosts);
      await tx.registryCa.upsert({ where: { id: ROW_ID }, create: { id: ROW_ID, ...data }, update: data });
      return made;
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
}

/** The CA's certificate alone (public), e.g. for a person checking what a node talks to; null before first use. */
export async function registryCaCertificate(): Promise<string | null> {
  const row = await getPrisma().registryCa.findUnique({ where: { id: ROW_ID }, select: { caCert: true } });
  return row?.caCert ?? null;
}
