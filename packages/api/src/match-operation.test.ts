import { describe, expect, it } from 'vitest';
import { API_OPERATIONS, matchOperation } from './registry';

describe('matchOperation', () => {
  it('finds the operation and its params by method and path', () => {
    const m = matchOperation('POST', '/api/v1/vdcs/shop/deploy');
    expect(m?.operation.operationId).toBe('deployVdc');
    expect(m?.params).toEqual({ name: 'shop' });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(matchOperation('POST', '/api/v1/assemblies/import')?.operation.operationId).toBe('importAssembly');
    expect(matchOperation('GET', '/api/v1/assemblies/web-tier')?.operation.operationId).toBe('getAssembly');
  });

  it('decodes params and ignores a trailing slash; unknown paths and methods match nothing', () => {
    expect(matchOperation('GET', '/api/v1/vdcs/a%40b/')?.params).toEqual({ name: 'a@b' });
    expect(matchOperation('GET', '/api/v1/nowhere')).toBeUndefined();
    expect(matchOperation('PATCH', '/api/v1/vdcs/shop/deploy')).toBeUndefined();
  });

  it('matches every operation of the registry by its own path', () => {
    for (const op of API_OPERATIONS) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => `p-${name}`);
      expect(matchOperation(op.method, path)?.operation.operationId, `${op.method} ${op.path}`).toBe(op.operationId);
    }
  });
});
