import { CatalogError } from '@colo/catalog';
import { ColoError } from '@colo/control';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { httpError } from './error-table';

// The web app does not depend on the engine; control recognises its errors by name and code.
const engineError = (code: string, message: string) => Object.assign(new Error(message), { name: 'EngineError', code });

describe('the error table', () => {
  it('gives every domain error a status and a message the caller can act on', () => {
    const zod = z.object({ replicas: z.number() }).safeParse({ replicas: 'x' }).error;
    const cases: [unknown, number, string][] = [
      [new ColoError('payload_too_large', 'too big'), 413, 'payload_too_large'],
      [new ColoError('rate_limited', 'slow down', { retryAfter: 5 }), 429, 'rate_limited'],
      [engineError('docker_unavailable', 'cannot reach the Docker engine'), 503, 'docker_unavailable'],
      [engineError('docker_error', 'create container colo-x-1: conflict'), 502, 'docker_error'],
      [CatalogError.invalid([{ file: 'templates/appliances/x/class.yaml', path: 'version', message: 'must be a number' }]), 500, 'catalog_invalid'],
      [zod, 400, 'bad_request'],
    ];
    for (const [err, status, code] of cases) {
      const answer = httpError(err);
      expect(answer.status, code).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message).not.toBe('internal error');
    }
    expect(httpError(zod).body.error.message).toMatch(/^replicas: /);
    expect(httpError(new ColoError('rate_limited', 'x', { retryAfter: 5 })).headers['retry-after']).toBe('5');
  });

  it('answers a bug without its internals', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const answer = httpError(new TypeError('secret detail at /srv/colo'));
      expect(answer.status).toBe(500);
      expect(answer.body.error).toEqual({ code: 'internal', message: 'internal error' });
    } finally {
      log.mockRestore();
    }
  });
});
