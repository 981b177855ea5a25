// Bearer secrets (API tokens, session cookies, invitation and node bootstrap links): random,
// shown once, stored only as sha256.
import { createHash } from 'node:crypto';
import { randomAlphanumeric } from '../ids';

export function newSecretToken(kind: 'colo' | 'cses' | 'cinv' | 'cboot'): string {
  return `${kind}_${randomAlphanumeric(40)}`;
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
