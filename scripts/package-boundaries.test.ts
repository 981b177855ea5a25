// Proves each package boundary of ARCHITECTURE.md is enforced by biome.json: a probe file that
// breaks the rule is written into the folder, linted, and removed. Allowed imports in the same
// probe must pass, so a rule that forbids too much fails here too. Likewise for process.env, which
// only the apps read (packages get their configuration passed in).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIOME = join(ROOT, 'node_modules/.bin/biome');

type Probe = { folder: string; dir: string; forbidden: string[]; allowed: string[]; testFile?: boolean };

const PROBES: Probe[] = [
  {
    folder: 'packages/manifest',
    dir: 'src',
    forbidden: ["import 'node:fs';", "import 'fs/promises';", "import type { Db } from '@colo/db';", "import '@colo/engine/desired';", "import 'dockerode';"],
    allowed: ["import 'zod';", "import 'yaml';", "import 'node:crypto';"],
  },
  {
    folder: 'packages/compose',
    dir: 'src',
    forbidden: ["import '@colo/engine';", "import '@colo/engine/src/runtime/docker-runtime';", "import '@colo/db';", "import '@colo/control';", "import 'node:fs';"],
    allowed: ["import '@colo/engine/desired';", "import '@colo/manifest';", "import 'node:crypto';"],
  },
  {
    folder: 'packages/bundle',
    dir: 'src',
    forbidden: ["import '@colo/db';", "import '@colo/control';", "import '@colo/engine';", "import 'node:fs';", "import 'node:child_process';"],
    allowed: ["import '@colo/manifest';", "import 'node:crypto';"],
  },
  {
    folder: 'packages/catalog',
    dir: 'src',
    forbidden: ["import '@colo/db';", "import '@colo/engine';", "import 'next/server';"],
    allowed: ["import 'dockerode';", "import 'node:fs/promises';", "import '@colo/manifest';"],
  },
  {
    folder: 'packages/engine',
    dir: 'src',
    forbidden: ["import '@colo/db';", "import 'bullmq';", "import 'next';", "import 'next/server';"],
    allowed: ["import 'dockerode';", "import '@colo/manifest';"],
  },
  {
    folder: 'packages/db',
    dir: 'src',
    forbidden: ["import '@colo/manifest';", "import '@colo/control/testing';", "import 'bullmq';", "import 'dockerode';"],
    allowed: ["import '@colo/db/testing';", "import 'pg';"],
  },
  {
    folder: 'packages/control',
    dir: 'src',
    forbidden: ["import 'next/server';", "import 'react';"],
    allowed: ["import '@colo/db';", "import '@colo/engine';", "import 'bullmq';"],
  },
  {
    folder: 'apps/web',
    dir: 'lib',
    forbidden: ["import '@colo/engine';", "import '@colo/engine/desired';", "import 'dockerode';"],
    allowed: ["import '@colo/control';", "import 'next/server';"],
  },
  {
    folder: 'apps/cli',
    dir: 'src',
    forbidden: ["import '@colo/db';", "import '@colo/engine';", "import '@colo/control';"],
    allowed: ["import '@colo/manifest';", "import 'node:fs';"],
  },
  // Tests may reach further than the code they test (fixtures on disk, the real engine).
  { folder: 'packages/manifest', dir: 'src', forbidden: [], allowed: ["import 'node:fs';", "import '@colo/catalog';"], testFile: true },
];

type Diagnostic = { title: string; file: string; line: number; message: string };

/** biome's GitHub reporter: one `::error title=…,file=…,line=…::message` line per diagnostic. */
function parseGithubReport(out: string): Diagnostic[] {
  return [...out.matchAll(/^::error title=([^,]+),file=([^,]+),line=(\d+),[^:]*::(.*)$/gm)].map((m) => ({
    title: m[1]!,
    file: m[2]!,
    line: Number(m[3]),
    message: m[4]!,
  }));
}

const written: string[] = [];

/** Lints these files with biome; its diagnostics of level error. */
async function lint(files: string[]): Promise<Diagnostic[]> {
  const result = await promisify(execFile)(BIOME, ['lint', '--diagnostic-level=error', '--reporter=github', ...files], { cwd: ROOT }).catch(
    (e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }),
  );
  return parseGithubReport(result.stdout);
}

/** Writes the probes (each path → its text), lints them and removes them, whatever happens. */
async function lintProbes(probes: Map<string, string>): Promise<Diagnostic[]> {
  for (const [file, text] of probes) {
    written.push(file);
    writeFileSync(file, text);
  }
  try {
    return await lint([...probes.keys()]);
  } finally {
    for (const file of probes.keys()) rmSync(file, { force: true });
  }
}

function probeName(i: number, suffix = ''): string {
  return `boundary-probe-${process.pid}-${randomUUID().slice(0, 8)}-${i}${suffix}.ts`;
}

afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

describe('package boundaries (biome.json overrides)', () => {
  it('reports every forbidden import with the rule from ARCHITECTURE.md, and nothing allowed', async () => {
    const files = PROBES.map((probe, i) => join(ROOT, probe.folder, probe.dir, probeName(i, probe.testFile ? '.test' : '')));
    const diagnostics = await lintProbes(new Map(PROBES.map((probe, i) => [files[i]!, `${[...probe.forbidden, ...probe.allowed].join('\n')}\n`])));

    PROBES.forEach((probe, i) => {
      const file = files[i]!;
      const mine = diagnostics.filter((d) => d.file === file).sort((a, b) => a.line - b.line);
      const expected = probe.forbidden.map((_, line) => ({
        title: 'lint/style/noRestrictedImports',
        line: line + 1,
        message: expect.stringMatching(new RegExp(`^${probe.folder} must not import .*\\(ARCHITECTURE\\.md, Packages and apps\\)\\.$`)),
      }));
      expect(
        mine.map(({ title, line, message }) => ({ title, line, message })),
        `${probe.folder}${probe.testFile ? ' (test file)' : ''}`,
      ).toEqual(expected);
    });
  });

  it('reports process.env in every package, but not in its tests nor in the allow-list', async () => {
    const packages = readdirSync(join(ROOT, 'packages')).filter((name) => existsSync(join(ROOT, 'packages', name, 'src')));
    expect(packages.length).toBeGreaterThanOrEqual(8);
    const read = 'export const setting = process.env.COLO_PROBE;\n';
    const probes = new Map<string, string>();
    const code = packages.map((name, i) => join(ROOT, 'packages', name, 'src', probeName(i)));
    const tests = packages.map((name, i) => join(ROOT, 'packages', name, 'src', probeName(i, '.test')));
    for (const file of [...code, ...tests]) probes.set(file, read);
    const diagnostics = await lintProbes(probes);
    const flagged = (file: string) => diagnostics.filter((d) => d.file === file).map((d) => d.title);
    for (const file of code) expect(flagged(file), file).toEqual(['lint/style/noProcessEnv']);
    for (const file of tests) expect(flagged(file), file).toEqual([]);

    // No allow-list: no file of a package reads the environment itself.
    expect(readFileSync(join(ROOT, 'biome.json'), 'utf8')).not.toMatch(/"noProcessEnv":\s*"off"/);
  });
});
