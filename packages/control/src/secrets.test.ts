import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetControlEnv } from './config';
import { completeSecrets, openSecrets, sealSecrets } from './secrets';
import { sleeperClass } from './testing';

const saved = process.env.COLO_SECRET_KEY;
beforeEach(() => {
  process.env.COLO_SECRET_KEY = randomBytes(32).toString('base64');
  process.env.DATABASE_URL ||= 'postgresql://unused@127.0.0.1/unused';
  resetControlEnv();
});
afterEach(() => {
  process.env.COLO_SECRET_KEY = saved;
  resetControlEnv();
});

describe('secrets at rest', () => {
  it('seal to a blob without the plaintext and open again', () => {
    const secrets = { db: { password: 'hunter2hunter2' } };
    const sealed = sealSecrets('vdc_a', secrets);
    expect(sealed).not.toContain('hunter2');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(openSecrets('vdc_a', sealed)).toEqual(secrets);
    // Fresh IV each time: equal secrets do not give equal blobs.
    expect(sealSecrets('vdc_a', secrets)).not.toBe(sealed);
  });

  it('do not open on another VDC, under another key, or when tampered with', () => {
    const sealed = sealSecrets('vdc_a', { db: { password: 'p' } });
    expect(() => openSecrets('vdc_b', sealed)).toThrow(/cannot be decrypted/);
    const [v, iv, tag, body] = sealed.split('.');
    // The first character: all six of its bits are data (the last one's may be padding, and flipping those changes nothing).
    const flipped = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    expect(() => openSecrets('vdc_a', [v, iv, tag, flipped].join('.'))).toThrow(/cannot be decrypted/);
    process.env.COLO_SECRET_KEY = randomBytes(32).toString('hex');
    resetControlEnv();
    expect(() => openSecrets('vdc_a', sealed)).toThrow(/COLO_SECRET_KEY/);
  });

  it('adds missing secrets and never changes existing ones', () => {
    const manifest = {
      name: 'x',
      connections: [],
      appliances: ['a', 'b'].map((name) => ({
        name,
        class: sleeperClass,
        replicas: 1,
        resources: { cpu: 0.1, memoryBytes: 1 << 25 },
        properties: {},
        expose: [],
        standby: false,
        startAfter: [],
      })),
    };
    const first = completeSecrets(manifest, { a: { password: 'kept' } });
    expect(first.added).toBe(1);
    expect(first.secrets.a.password).toBe('kept');
    expect(first.secrets.b.password).toMatch(/^[a-z0-9]{32}$/);
    const again = completeSecrets(manifest, first.secrets);
    expect(again.added).toBe(0);
    expect(again.secrets).toEqual(first.secrets);
  });
});
