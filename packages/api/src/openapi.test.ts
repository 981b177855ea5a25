import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';
import { API_OPERATIONS, API_TAGS } from './registry';

async function validate(document: unknown) {
  const validator = new Validator();
  return validator.validate(structuredClone(document) as Parameters<Validator['validate']>[0]);
}

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument({ version: 'test' });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('is judged by a validator that does refuse a broken one', async () => {
    const broken = structuredClone(document);
    (broken.paths['/api/v1/me'].get as Record<string, unknown>).parameters = [{ name: 'x', schema: { type: 'string' } }]; // no `in`
    expect((await validate(broken)).valid).toBe(false);
  });

  it('has every registry operation once, with unique operation ids and known tags', () => {
    const ids = API_OPERATIONS.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const inDocument = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(inDocument.sort()).toEqual(API_OPERATIONS.map((o) => `${o.method} ${o.path}`).sort());
    const tags = new Set(API_TAGS.map((t) => t.name));
    for (const o of API_OPERATIONS) expect(tags.has(o.tag), `${o.operationId}: tag ${o.tag}`).toBe(true);
  });

  it('declares exactly the path parameters each path template names', () => {
    for (const o of API_OPERATIONS) {
      const inPath = [...o.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(o.params?.shape ?? {}).sort(), `${o.method} ${o.path}`).toEqual(inPath);
    }
  });

  it('asks for auth everywhere but setup, sign-in and the node bootstrap link (its secret is in the path)', () => {
    const open = API_OPERATIONS.filter((o) => o.auth === 'public').map((o) => o.operationId);
    expect(open.sort()).toEqual(['login', 'setup']);
    const linked = API_OPERATIONS.filter((o) => o.auth === 'link');
    expect(linked.map((o) => `${o.method} ${o.path}`)).toEqual(['GET /api/v1/nodes/bootstrap/{token}']);
    for (const o of API_OPERATIONS) {
      const operation = document.paths[o.path][o.method.toLowerCase()];
      const security = operation.security as unknown[];
      expect(security.length > 0, o.operationId).toBe(o.auth === 'session-or-token');
      if (o.auth === 'session-or-token') expect(Object.keys(operation.responses as object)).toContain('401');
      // A link is refused as not found, never as unauthorized: a guess learns nothing.
      if (o.auth === 'link') {
        expect(Object.keys(operation.responses as object)).not.toContain('401');
        expect(Object.keys(operation.responses as object)).toContain('404');
        expect(operation.description).toContain('the one-use secret in the path alone');
      }
    }
  });

  it('documents a success answer for every operation, and a JSON schema or media type for each that has a body', () => {
    for (const o of API_OPERATIONS) {
      const responses = document.paths[o.path][o.method.toLowerCase()].responses as Record<string, { content?: object }>;
      const success = Object.keys(responses).filter((s) => s.startsWith('2'));
      expect(success.length, o.operationId).toBeGreaterThan(0);
      for (const s of success) if (s !== '204') expect(responses[s].content, `${o.operationId} ${s}`).toBeDefined();
    }
  });

  it('lets a server add a field without breaking an older client', () => {
    const me = API_OPERATIONS.find((o) => o.operationId === 'me')!;
    const answer = { user: { id: 'usr_1', email: 'a@b.test', newField: 1 }, extra: true };
    expect(me.responses[200]?.json?.parse(answer)).toMatchObject(answer);
  });
});
