// Answers shaped like the contract's, for tests to build on.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './run-cli';

export const SHOP_YAML = `apiVersion: colo/v1
kind: VDC
name: shop
appliances:
  - name: lb
    class: halb
    expose: [{ terminal: in, port: 8080 }]
  - name: web
    class: web-php
    replicas: 3
connections:
  - { from: lb.out, to: web.in }
`;

export function writeManifest(text = SHOP_YAML, name = 'shop.yaml'): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

export interface OperationFields {
  id?: string;
  kind?: string;
  status?: string;
  progress?: number;
  error?: unknown;
  steps?: { key: string; title: string; status: string; error?: unknown }[];
  createdAt?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  result?: Record<string, unknown> | null;
}

export function operation(fields: OperationFields = {}) {
  return {
    id: 'op_1',
    kind: 'deploy',
    status: 'queued',
    progress: 0,
    error: null,
    steps: [],
    createdAt: '2026-11-27T12:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    ...fields,
  };
}

export const VALID = { ok: true, errors: [], warnings: [] };
