import { describe, expect, it } from 'vitest';
import { setupHostAllowed } from './setup-host';

const none = { COLO_TRUST_PROXY: false, COLO_ALLOWED_HOSTS: '', COLO_PUBLIC_URL: undefined };

describe('first-run setup host', () => {
  it('is served on this machine’s loopback names', () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST:8080', '127.0.0.1']) {
      expect(setupHostAllowed(host, none), host).toBe(true);
    }
  });

  it('is refused for any other name, as a rebound DNS name would send', () => {
    for (const host of [null, '', 'evil.test', 'evil.test:3000', '127.0.0.1.evil.test:3000', 'localhost.evil.test', '10.0.0.5:3000', 'user@localhost', 'localhost/x', '0.0.0.0:3000']) {
      expect(setupHostAllowed(host, none), String(host)).toBe(false);
    }
  });

  it('is served on the configured public host and the allowed hosts', () => {
    const configured = { ...none, COLO_PUBLIC_URL: 'https://colo.example.com', COLO_ALLOWED_HOSTS: 'lan-box:3000, other.example' };
    expect(setupHostAllowed('colo.example.com', configured)).toBe(true);
    expect(setupHostAllowed('lan-box:3000', configured)).toBe(true);
    expect(setupHostAllowed('lan-box:4000', configured)).toBe(false);
    expect(setupHostAllowed('other.example:8443', configured)).toBe(true);
    expect(setupHostAllowed('evil.test', configured)).toBe(false);
  });
});
