// Every compose file of the corpus (packages/compose/test/corpus) that imports fully, taken the
// way a user does: POST /compose/import (its host ports moved to free ones), a deploy, HTTP on
// 127.0.0.1 through each published port, an export to compose that imports back (dry run) to the
// same manifest, then destroy --purge leaving nothing. Files go in parallel batches, each batch
// torn down before the next, so the machine never holds more than a few stacks at once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainVdc, freePort, ROOT, vdcContainers, vdcNetworks, vdcVolumes, waitFor } from './harness';
import { api, type Colo, startColo } from './setup';

const CORPUS = path.join(ROOT, 'packages/compose/test/corpus');

/** The corpus files that import with no refusal (the unit test over the corpus holds the same list). */
const FILES = [
  'static-nginx.yml',
  'httpd-static.yml',
  'php-postgres.yml',
  'node-redis.yml',
  'lamp-mysql.yml',
  'php-redis-sessions.yml',
  'haproxy-two-web.yml',
  'nginx-redis-sidecar.yml',
  'nginx-php-fpm-mariadb.yml',
  'node-postgres-redis.yml',
  'haproxy-php-scaled.yml',
];
const BATCH = 4;
const batches = Array.from({ length: Math.ceil(FILES.length / BATCH) }, (_, i) => FILES.slice(i * BATCH, (i + 1) * BATCH));

interface Manifest {
  appliances: { name: string; expose?: { terminal: string; port: number }[] }[];
}
interface Operation {
  id: string;
  status: string;
  error?: unknown;
}

let c: Colo;
beforeAll(async () => {
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

async function call<T>(method: string, route: string, body?: unknown, expected = [200, 201, 202]): Promise<T> {
  const res = await api<T>(c, method, route, body);
  if (!expected.includes(res.status)) throw new Error(`${method} ${route} → ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json;
}

async function finished(operationId: string, vdcId: string): Promise<Operation> {
  return waitFor(
    `operation ${operationId} to finish`,
    async () => {
      const { operation } = await call<{ operation: Operation }>('GET', `/operations/${operationId}`);
      return operation.status === 'succeeded' || operation.status === 'failed' ? operation : undefined;
    },
    240_000,
    1000,
    async () => `${await explainVdc(vdcId)}\nworker:\n${c.worker.output().split('\n').slice(-20).join('\n')}`,
  );
}

/** The file with each host port it publishes moved to a free one: the file's text, the ports. */
async function withFreePorts(name: string, text: string): Promise<{ text: string; ports: number[] }> {
  const dry = await call<{ manifest: Manifest }>('POST', '/compose/import', { name, compose: text, dryRun: true });
  const given = dry.manifest.appliances.flatMap((a) => (a.expose ?? []).map((e) => e.port));
  const ports: number[] = [];
  let moved = text;
  for (const port of given) {
    const free = await freePort();
    moved = moved.replace(new RegExp(`\\b${port}\\b`, 'g'), String(free));
    ports.push(free);
  }
  return { text: moved, ports };
}

/** One corpus file, start to finish; returns the VDC's id for the purge check. */
async function runFile(file: string): Promise<string> {
  const name = file.replace(/\.yml$/, '');
  const { text, ports } = await withFreePorts(name, readFileSync(path.join(CORPUS, file), 'utf8'));
  expect(ports.length, `${file} publishes a port`).toBeGreaterThan(0);
  const made = await call<{ vdc: { id: string } }>('POST', '/compose/import', { name, compose: text });
  const vdcId = made.vdc.id;

  const deploy = await call<{ operation: { id: string } }>('POST', `/vdcs/${name}/deploy`, {});
  const op = await finished(deploy.operation.id, vdcId);
  expect(op.status, `${file}: ${JSON.stringify(op.error)}\n${await explainVdc(vdcId)}`).toBe('succeeded');
  for (const port of ports) {
    await waitFor(
      `${file}: HTTP 200 on 127.0.0.1:${port}`,
      async () => (await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } })).status === 200,
      60_000,
      500,
      () => explainVdc(vdcId),
    );
  }

  const exported = await call<{ text: string }>('GET', `/vdcs/${name}/compose?format=json`);
  const back = await call<{ manifest: unknown; report: { severity: string }[] }>('POST', '/compose/import', { name, compose: exported.text, dryRun: true });
  expect(back.report.filter((l) => l.severity === 'refused')).toEqual([]);
  const saved = await call<{ revision: { manifest: unknown } }>('GET', `/vdcs/${name}`);
  expect(back.manifest, `${file}: the export imports back to the same manifest`).toEqual(saved.revision.manifest);

  const destroy = await call<{ operation: { id: string } }>('POST', `/vdcs/${name}/destroy`, { purge: true });
  expect((await finished(destroy.operation.id, vdcId)).status).toBe('succeeded');
  return vdcId;
}

describe('the compose corpus, imported, deployed, exported and re-imported', () => {
  it.each(batches.map((files, i) => [i + 1, files] as const))('batch %i: %j', async (_, files) => {
    const vdcIds = await Promise.all(files.map(runFile));
    for (const vdcId of vdcIds) {
      expect(await vdcContainers(vdcId)).toEqual([]);
      expect(await vdcNetworks(vdcId)).toEqual([]);
      expect(await vdcVolumes(vdcId)).toEqual([]);
    }
  });
});
