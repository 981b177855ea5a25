import { describe, expect, it } from 'vitest';
import { clientIp, PEER_HEADER, trustPeerHeader } from './client-address';

const req = (headers: Record<string, string>) => new Request('http://127.0.0.1:3000/api/v1/auth/login', { method: 'POST', headers });
const direct = { COLO_TRUST_PROXY: false, COLO_ALLOWED_HOSTS: '', COLO_PUBLIC_URL: undefined };
const proxied = { ...direct, COLO_TRUST_PROXY: true };

describe('the client address sign-in counts by', () => {
  it('ignores X-Forwarded-For unless a proxy is trusted, and then takes what the proxy appended', () => {
    expect(clientIp(req({ 'x-forwarded-for': '6.6.6.6' }), direct)).toBeUndefined();
    expect(clientIp(req({ 'x-forwarded-for': '6.6.6.6, 10.0.0.1' }), proxied)).toBe('10.0.0.1');
    expect(clientIp(req({ 'x-forwarded-for': '::ffff:127.0.0.1' }), proxied)).toBe('::ffff:127.0.0.1');
    expect(clientIp(req({ 'x-forwarded-for': 'a b*c' }), proxied)).toBe('a_b_c');
    expect(clientIp(req({}), proxied)).toBeUndefined();
  });

  it('takes the socket address the server stamped, not a forwarded one', () => {
    trustPeerHeader();
    expect(clientIp(req({ [PEER_HEADER]: '192.168.1.9', 'x-forwarded-for': '6.6.6.6' }), direct)).toBe('192.168.1.9');
  });
});
