// The share keys: deterministic per secret and share, distinct between roles, shares and
// secrets, and read by OpenSSH itself (ssh-keygen) when the host has it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authorizedKeysFile, knownHostsFile, shareKeys } from './share-keys';

const SECRET = 'unit-test-secret-0123456789abcdef';
const dir = mkdtempSync(path.join(tmpdir(), 'colo-share-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sshKeygen(...args: string[]): string | undefined {
  try {
    return execFileSync('ssh-keygen', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

describe('shareKeys', () => {
  it('derives the same keys again from the same secret and share, and others for anything else', () => {
    const a = shareKeys(SECRET, 'shop-k3j9x2-content-share');
    expect(shareKeys(SECRET, 'shop-k3j9x2-content-share')).toEqual(a);
    expect(a.host.publicLine).not.toBe(a.client.publicLine);
    const others = [
      shareKeys(SECRET, 'shop-k3j9x2-other-share'),
      shareKeys(`${SECRET}!`, 'shop-k3j9x2-content-share'),
      shareKeys(SECRET, 'shop-k3j9x2-content-share', 2),
    ];
    for (const o of others) {
      expect(o.host.fingerprint).not.toBe(a.host.fingerprint);
      expect(o.client.fingerprint).not.toBe(a.client.fingerprint);
    }
    expect(() => shareKeys('short', 'x')).toThrow(/too short/);
  });

  it('writes PEM private keys and OpenSSH public lines', () => {
    const { host, client } = shareKeys(SECRET, 'k');
    for (const pair of [host, client]) {
      expect(pair.privatePem).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n[\s\S]+\n-----END EC PRIVATE KEY-----\n$/);
      expect(pair.publicLine).toMatch(/^ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY[A-Za-z0-9+/]+=*$/);
      expect(pair.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    }
    expect(authorizedKeysFile({ host, client })).toBe(`restrict ${client.publicLine} colo-share-client\n`);
    expect(knownHostsFile({ host, client }, 'share', 2222)).toBe(`[share]:2222 ${host.publicLine}\n`);
    expect(knownHostsFile({ host, client }, 'share', 22)).toBe(`share ${host.publicLine}\n`);
  });

  it('is what ssh-keygen reads: the public key from the private one, and the same fingerprint', (ctx) => {
    const { host } = shareKeys(SECRET, 'k');
    const privateFile = path.join(dir, 'id');
    const publicFile = path.join(dir, 'id.pub');
    writeFileSync(privateFile, host.privatePem, { mode: 0o600 });
    writeFileSync(publicFile, `${host.publicLine}\n`);
    const listed = sshKeygen('-l', '-f', publicFile);
    if (listed === undefined) return ctx.skip(); // no OpenSSH on this host: the swarm test still runs sshd
    expect(listed).toContain(`256 ${host.fingerprint} `);
    expect(listed).toContain('(ECDSA)');
    expect(sshKeygen('-y', '-f', privateFile)?.trim()).toBe(host.publicLine);
  });
});
