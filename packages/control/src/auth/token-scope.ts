// What an API token may do. Scopes are ordered: `read` < `deploy` < `admin`, each allowing what
// the ones below it allow. A browser session carries every right of its user (`admin` here);
// what the *user* may do (roles) is decided elsewhere, after this.
import { ColoError } from '../errors';

export const TOKEN_SCOPES = ['read', 'deploy', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SCOPE_MEANING: Record<TokenScope, string> = {
  read: 'read only: GET requests',
  deploy: 'read, change VDCs and run operations; no token or user management',
  admin: 'everything its user may do, including managing API tokens',
};

export function scopeAllows(granted: TokenScope, needed: TokenScope): boolean {
  return TOKEN_SCOPES.indexOf(granted) >= TOKEN_SCOPES.indexOf(needed);
}

/**
 * Throws 403 `forbidden` unless the caller's scope allows `needed`. For route code that decides
 * per request (the `route()` wrapper already checks each route's declared scope).
 */
export function requireScope(caller: { scope: TokenScope }, needed: TokenScope): void {
  if (!scopeAllows(caller.scope, needed)) {
    throw new ColoError('forbidden', `this API token has scope "${caller.scope}"; this request needs "${needed}" (${SCOPE_MEANING[needed]})`);
  }
}
