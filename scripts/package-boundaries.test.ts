// Proves each package boundary of ARCHITECTURE.md is enforced by biome.json: a probe file that
// breaks the rule is written into the folder, linted, and removed. Allowed imports in the same
// probe must pass, so a rule that forbids too much fails here too.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
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
afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

describe('package boundaries (biome.json overrides)', () => {
  it('reports every forbidden import with the rule from ARCHITECTURE.md, and nothing allowed', async () => {
    const tag = `${process.pid}-${randomUUID().slice(0, 8)}`;
    const files = PROBES.map((probe, i) => {
      const file = join(ROOT, probe.folder, probe.dir, `boundary-probe-${tag}-${i}${probe.testFile ? '.test' : ''}.ts`);
      written.push(file);
      writeFileSync(file, `${[...probe.forbidden, ...probe.allowed].join('\n')}\n`);
      return file;
    });
    let out: string;
    try {
      const result = await promisify(execFile)(BIOME, ['lint', '--diagnostic-level=error', '--reporter=github', ...files], { cwd: ROOT }).catch(
        (e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }),
      );
      out = result.stdout;
    } finally {
      for (const file of files) rmSync(file, { force: true });
    }
    const diagnostics = parseGithubReport(out);

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
});
