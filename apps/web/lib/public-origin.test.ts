import { afterEach, describe, expect, it } from 'vitest';
import { publicOrigin } from './public-origin';

const saved = process.env.COLO_PUBLIC_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.COLO_PUBLIC_URL;
  else process.env.COLO_PUBLIC_URL = saved;
});

const req = (headers: Record<string, string>) => new Request('http://localhost:3000/api/v1/teams/acme/invites', { method: 'POST', headers });

describe('publicOrigin', () => {
  it('prefers COLO_PUBLIC_URL, then the same-origin page, then the Host header, then the request URL', () => {
    delete process.env.COLO_PUBLIC_URL;
    expect(publicOrigin(req({ host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' }))).toBe('http://127.0.0.1:4000');
    expect(publicOrigin(req({ host: 'colo.example.com', 'x-forwarded-proto': 'https' }))).toBe('https://colo.example.com');
    expect(publicOrigin(req({ host: 'evil.test/path?' }))).toBe('http://localhost:3000');
    // An Origin of another site is not believed; the Host header is.
    expect(publicOrigin(req({ host: 'colo.example.com', origin: 'http://evil.test' }))).toBe('http://colo.example.com');
    process.env.COLO_PUBLIC_URL = 'https://colo.acme.test/';
    expect(publicOrigin(req({ host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' }))).toBe('https://colo.acme.test');
  });
});
