// VDC secrets: generated per VDC, per appliance, for every name in its class's `secrets`, sealed
// with AES-256-GCM under COLO_SECRET_KEY and bound to the VDC id, so a blob copied onto another
// VDC's row does not open. Plaintext exists only in memory on the way into container env.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ResolvedManifest } from '@colo/manifest';
import { controlEnv, decodeSecretKey } from './config';
import { ColoError } from './errors';
import { randomAlphanumeric } from './ids';

/** appliance name → secret name → value */
export type VdcSecrets = Record<string, Record<string, string>>;

const VERSION = 'v1';

function key(): Buffer {
  const k = decodeSecretKey(controlEnv().COLO_SECRET_KEY);
  if (!k) throw new ColoError('internal', 'COLO_SECRET_KEY is not a 32-byte key');
  return k;
}

export function sealSecrets(vdcId: string, secrets: VdcSecrets): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(Buffer.from(vdcId));
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
}

export function openSecrets(vdcId: string, sealed: string | null | undefined): VdcSecrets {
  if (!sealed) return {};
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) {
    throw new ColoError('internal', `the secrets of ${vdcId} are in an unknown format`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(vdcId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as VdcSecrets;
  } catch (cause) {
    // Never echo the blob or the key; say what a person can act on.
    throw new ColoError('internal', `the secrets of ${vdcId} cannot be decrypted: was COLO_SECRET_KEY changed?`, { cause });
  }
}

/**
 * Adds a value for every secret the manifest's classes ask for and the VDC lacks. Existing values
 * are kept (a database initialised with a password must keep getting that password), and values
 * of appliances no longer in the manifest are kept too, so removing and re-adding one is harmless.
 */
export function completeSecrets(manifest: ResolvedManifest, existing: VdcSecrets): { secrets: VdcSecrets; added: number } {
  const secrets: VdcSecrets = structuredClone(existing);
  let added = 0;
  for (const appliance of manifest.appliances) {
    for (const name of appliance.class.secrets) {
      secrets[appliance.name] ??= {};
      if (secrets[appliance.name][name] === undefined) {
        // Alphanumerics only: safe unquoted in env, URLs, SQL and config files.
        secrets[appliance.name][name] = randomAlphanumeric(32);
        added++;
      }
    }
  }
  return { secrets, added };
}

export function secretValues(secrets: VdcSecrets): string[] {
  return Object.values(secrets).flatMap((perAppliance) => Object.values(perAppliance));
}
