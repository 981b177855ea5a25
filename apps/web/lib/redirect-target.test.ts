import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_LOGIN, safeNextPath } from './redirect-target';

describe('the next= redirect after sign-in', () => {
  it('keeps paths of this site, with their query and fragment', () => {
    const kept: [string, string][] = [
      ['/settings/tokens', '/settings/tokens'],
      ['/vdcs/shop?tab=yaml', '/vdcs/shop?tab=yaml'],
      ['/vdcs/shop#canvas', '/vdcs/shop#canvas'],
      ['/vdcs/a%20b', '/vdcs/a%20b'],
      ['/vdcs/x/../shop', '/vdcs/shop'],
    ];
    for (const [next, expected] of kept) expect(safeNextPath(next), next).toBe(expected);
  });

  it('sends everything that could leave the site, or loop, to the default', () => {
    const refused = [
      undefined,
      null,
      '',
      'vdcs',
      'https://evil.test',
      'http:evil.test',
      'javascript:alert(1)',
      'data:text/html,x',
      '//evil.test',
      '///evil.test',
      '/\\evil.test',
      '\\\\evil.test',
      '\\/evil.test',
      '/%09/evil.test',
      '/\t/evil.test',
      '/\n/evil.test',
      '/%0a/evil.test',
      '/%0d/evil.test',
      '/%2F%2Fevil.test',
      '/%2f/evil.test',
      '/%5C%5Cevil.test',
      '/%5cevil.test',
      '/%',
      '/\u0000',
      '/x\u007f',
      ' /vdcs',
      '/login',
      '/login?next=/x',
      '/setup',
      '/api/v1/me',
      '/api',
      `/${'a'.repeat(3000)}`,
    ];
    for (const next of refused) expect(safeNextPath(next), JSON.stringify(next)).toBe(DEFAULT_AFTER_LOGIN);
  });
});
