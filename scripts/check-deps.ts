// Fails when a workspace declares a dependency it never uses, or imports a package it does not
// declare. Sources are every code, CSS and config file of the workspace (tests included); a
// dependency also counts as used when a package.json script runs one of its binaries, and an
// `@types/x` when `x` is used. The rules are in scripts/lib/dependency-check.ts.
//
//   npx tsx scripts/check-deps.ts
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkDependencies, describeProblem, type Manifest, type Workspace } from './lib/dependency-check';

const ROOT = join(import.meta.dirname, '..');
// Generated code is read too: Prisma's client is what imports @prisma/client.
const SKIP = new Set(['node_modules', '.next', '.turbo', 'dist', 'coverage', 'test-artifacts']);
const SOURCE = /\.(?:[cm]?[jt]sx?|css)$/;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function collect(dir: string, base: string, files: Map<string, string>): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // A folder with its own package.json is another workspace's.
      if (!existsSync(join(path, 'package.json')) || dir === base) collect(path, base, files);
    } else if (SOURCE.test(entry.name) && statSync(path).size < 2_000_000) {
      files.set(relative(base, path), readFileSync(path, 'utf8'));
    }
  }
}

function workspaceAt(dir: string): Workspace {
  const files = new Map<string, string>();
  collect(dir, dir, files);
  return { dir: relative(ROOT, dir) || '.', manifest: readJson<Manifest>(join(dir, 'package.json')), files };
}

function workspaceDirs(): string[] {
  const globs = readJson<{ workspaces: string[] }>(join(ROOT, 'package.json')).workspaces;
  return globs.flatMap((glob) => {
    const parent = join(ROOT, glob.replace(/\/\*$/, ''));
    return readdirSync(parent)
      .map((name) => join(parent, name))
      .filter((dir) => existsSync(join(dir, 'package.json')));
  });
}

function rootWorkspace(): Workspace {
  const files = new Map<string, string>();
  for (const entry of readdirSync(ROOT, { withFileTypes: true })) {
    if (entry.isFile() && SOURCE.test(entry.name)) files.set(entry.name, readFileSync(join(ROOT, entry.name), 'utf8'));
  }
  for (const dir of ['scripts', 'tests', 'bench']) {
    const sub = new Map<string, string>();
    collect(join(ROOT, dir), join(ROOT, dir), sub);
    for (const [path, text] of sub) files.set(join(dir, path), text);
  }
  return { dir: '.', manifest: readJson<Manifest>(join(ROOT, 'package.json')), files };
}

/** Shell scripts, CI files and the Dockerfile: they may run the root's tools. */
function extraScripts(): string[] {
  const texts: string[] = [];
  for (const dir of ['scripts', 'scripts/lib', '.ci']) {
    const full = join(ROOT, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full)) {
      const path = join(full, name);
      if (statSync(path).isFile() && !SOURCE.test(name)) texts.push(readFileSync(path, 'utf8'));
    }
  }
  if (existsSync(join(ROOT, 'Dockerfile'))) texts.push(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  return texts;
}

type Installed = { name: string; bin?: string | Record<string, string>; peerDependencies?: Record<string, string> };

function installed(dependency: string): Installed | undefined {
  const path = join(ROOT, 'node_modules', dependency, 'package.json');
  return existsSync(path) ? readJson<Installed>(path) : undefined;
}

function binariesOf(dependency: string): string[] {
  const bin = installed(dependency)?.bin;
  if (bin === undefined) return [];
  return typeof bin === 'string' ? [dependency.replace(/^@[^/]+\//, '')] : Object.keys(bin);
}

function peersOf(dependency: string): string[] {
  return Object.keys(installed(dependency)?.peerDependencies ?? {});
}

// Imports that cannot be declared, with the reason. Declaring them would close a cycle in the
// workspace graph, which turbo refuses.
const ACCEPTED_UNDECLARED: Record<string, Record<string, string>> = {
  '@colo/engine': {
    '@colo/catalog': "test/global-setup.ts builds the system images with the catalog's builder; the catalog's tests use the engine",
  },
};

const problems = checkDependencies({
  root: rootWorkspace(),
  workspaces: workspaceDirs().map(workspaceAt),
  binariesOf,
  peersOf,
  extraScripts: extraScripts(),
}).filter((p) => p.kind !== 'undeclared' || ACCEPTED_UNDECLARED[p.workspace]?.[p.dependency] === undefined);
for (const problem of problems) console.error(describeProblem(problem));
if (problems.length > 0) {
  console.error(`${problems.length} dependency problem(s)`);
  process.exit(1);
}
console.log('dependencies: every declared dependency is used, every import is declared');
