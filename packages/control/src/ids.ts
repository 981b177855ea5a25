// Public ids: a prefix that says what the id names, then random lowercase alphanumerics.
import { randomInt } from 'node:crypto';

export type IdPrefix = 'usr' | 'tok' | 'ses' | 'vdc' | 'rev' | 'op' | 'snap' | 'ent' | 'sch' | 'clv' | 'aud' | 'team' | 'inv' | 'alr' | 'arl' | 'adl' | 'nbl';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** 16 characters of 36 symbols: ~82 bits, plenty for rows that are never enumerable by id. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomAlphanumeric(16)}`;
}

/** `<vdc name>-<first 6 chars of the id's random part>` (docs/contracts.md). */
export function dockerKeyFor(name: string, vdcId: string): string {
  const random = vdcId.slice(vdcId.indexOf('_') + 1);
  return `${name}-${random.slice(0, 6)}`;
}
