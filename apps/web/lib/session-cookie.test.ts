import { SESSION_TTL_MS } from '@colo/control';
import { describe, expect, it } from 'vitest';
import { isSameOrigin, readCookie, SESSION_COOKIE_MAX_AGE_S, sessionCookie } from './session-cookie';

const req = (headers: Record<string, string>, url = 'http://127.0.0.1:3000/api/v1/vdcs') => new Request(url, { method: 'POST', headers });

describe('session cookie', () => {
  it('lives as long as a session does', () => {
    expect(SESSION_COOKIE_MAX_AGE_S * 1000).toBe(SESSION_TTL_MS);
  });

  it('is httpOnly and Lax, Secure only over https', () => {
    const line = sessionCookie('cses_abc', new Date(Date.now() + 60_000), false);
    expect(line).toMatch(/^colo_session=cses_abc; Path=\/; Max-Age=(59|60); HttpOnly; SameSite=Lax$/);
    expect(sessionCookie('x', new Date(), true)).toMatch(/; Secure$/);
  });

  it('is read from among other cookies', () => {
    expect(readCookie(req({ cookie: 'a=1; colo_session=cses_x; b=2' }), 'colo_session')).toBe('cses_x');
    expect(readCookie(req({ cookie: 'not_colo_session=1' }), 'colo_session')).toBeUndefined();
  });
});

describe('same origin', () => {
  it('accepts the request’s own host, directly or as forwarded by a proxy', () => {
    expect(isSameOrigin(req({ origin: 'http://127.0.0.1:3000' }))).toBe(true);
    expect(isSameOrigin(req({ origin: 'https://colo.example', 'x-forwarded-host': 'colo.example' }))).toBe(true);
  });

  it('refuses other sites, look-alikes, opaque and missing origins', () => {
    for (const origin of ['http://evil.test', 'http://127.0.0.1:3001', 'http://127.0.0.1:3000.evil.test', 'null', 'garbage']) {
      expect(isSameOrigin(req({ origin })), origin).toBe(false);
    }
    expect(isSameOrigin(req({}))).toBe(false);
  });
});
