// The rules of `scripts/check-deps.ts`, free of the filesystem so a unit test can feed it a tiny
// fixture: which declared dependencies a workspace never uses, and which packages it imports
// without declaring them.
import { builtinModules } from 'node:module';
import ts from 'typescript';

export type Manifest = {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
};

export type Workspace = {
  /** Where it lives, relative to the repository root ('.' for the root). */
  dir: string;
  manifest: Manifest;
  /** Its source, test and config files: path relative to `dir` → text. */
  files: Map<string, string>;
};

export type DependencyProblem = {
  workspace: string;
  dependency: string;
  kind: 'unused' | 'undeclared';
  /** For an undeclared import: a file that imports it. */
  file?: string;
};

export type CheckInput = {
  root: Workspace;
  workspaces: Workspace[];
  /** Binary names each dependency provides (its package.json `bin`), by package name. */
  binariesOf: (dependency: string) => string[];
  /** The peer dependencies a dependency asks for (next wants react-dom): used when it is. */
  peersOf: (dependency: string) => string[];
  /** Text outside any workspace that may run a root tool (scripts/*.sh, .ci). */
  extraScripts?: string[];
};

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const CODE = /\.(?:[cm]?[jt]sx?)$/;
const CONFIG = /(?:^|\/)[^/]*\.config\.[cm]?[jt]s$/;

/** The package a bare specifier names ('@colo/engine/desired' → '@colo/engine'), or undefined for
 * relative paths, path aliases and Node builtins. */
export function packageOf(specifier: string): string | undefined {
  if (/^(?:\.|\/|~|#|@\/)/.test(specifier) || /^[a-z]+:/.test(specifier) || BUILTINS.has(specifier)) {
    return undefined;
  }
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) return parts.length >= 2 ? `${parts[0]}/${parts[1]}` : undefined;
  return BUILTINS.has(parts[0]!) ? undefined : parts[0];
}

/** Every module specifier a file refers to: static and dynamic imports, re-exports, require,
 * `import type`, triple-slash type references; CSS `@import`/`@plugin`. */
export function specifiersIn(path: string, text: string): string[] {
  if (path.endsWith('.css')) {
    return [...text.matchAll(/@(?:import|plugin)\s+(?:url\()?["']([^"']+)["']/g)].map((m) => m[1]!);
  }
  if (!CODE.test(path)) return [];
  const info = ts.preProcessFile(text, true, true);
  return [...info.importedFiles, ...info.typeReferenceDirectives].map((f) => f.fileName);
}

/** The strings of a config file that may name a package it loads by name (postcss:
 * `plugins: { '@tailwindcss/postcss': {} }`). They make a declared dependency used, never
 * an undeclared one missing. */
export function mentionsIn(path: string, text: string): string[] {
  if (!CONFIG.test(path)) return [];
  return [...text.matchAll(/['"]((?:@[\w.-]+\/)?[\w.-]+)['"]/g)].map((m) => m[1]!);
}

/** `@types/foo` types `foo`; `@types/scope__name` types `@scope/name`. */
function typedPackage(typesPackage: string): string {
  const bare = typesPackage.slice('@types/'.length);
  return bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
}

function declared(manifest: Manifest): string[] {
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies });
}

function scriptWords(texts: string[]): Set<string> {
  return new Set(texts.flatMap((t) => t.split(/[\s;&|()'"=]+/)).filter(Boolean));
}

type Usage = {
  /** Imported packages, each with the first file that imports it. */
  packages: Map<string, string>;
  mentions: Set<string>;
  usesBuiltins: boolean;
  /** The words of the package.json scripts (and shell scripts, for the root). */
  words: Set<string>;
};

function usageOf(ws: Workspace, extraScripts: string[] = []): Usage {
  const packages = new Map<string, string>();
  const mentions = new Set<string>();
  let usesBuiltins = false;
  for (const [path, text] of ws.files) {
    for (const spec of specifiersIn(path, text)) {
      if (BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]!)) usesBuiltins = true;
      const pkg = packageOf(spec);
      if (pkg !== undefined && !packages.has(pkg)) packages.set(pkg, path);
    }
    for (const name of mentionsIn(path, text)) mentions.add(name);
  }
  return { packages, mentions, usesBuiltins, words: scriptWords([...Object.values(ws.manifest.scripts ?? {}), ...extraScripts]) };
}

/** The declared dependencies in use: imported, named by a config, run by a script; then the
 * peers those ask for and the `@types/*` of whatever is used. */
function usedOf(deps: string[], usage: Usage, input: CheckInput): Set<string> {
  const runs = (pkg: string) => input.binariesOf(pkg).some((bin) => usage.words.has(bin));
  const used = new Set(deps.filter((d) => usage.packages.has(d) || usage.mentions.has(d) || runs(d)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const dep of deps) {
      if (used.has(dep)) continue;
      const typed = dep.startsWith('@types/') ? typedPackage(dep) : undefined;
      const typesUsed =
        typed !== undefined && (typed === 'node' ? usage.usesBuiltins : used.has(typed) || usage.packages.has(typed) || runs(typed));
      if (typesUsed || [...used].some((u) => input.peersOf(u).includes(dep))) {
        used.add(dep);
        grew = true;
      }
    }
  }
  return used;
}

/**
 * Each workspace's unused and undeclared dependencies. The root's dependencies are the shared
 * tools every workspace may use (vitest, typescript, biome…): declared for all, and unused only
 * when nothing in the repository uses them. The workspace packages themselves are declared for
 * the root (its tests, bench and scripts drive them).
 */
export function checkDependencies(input: CheckInput): DependencyProblem[] {
  const { root, workspaces } = input;
  const problems: DependencyProblem[] = [];
  const rootDeclared = declared(root.manifest);
  const workspaceNames = workspaces.map((w) => w.manifest.name);
  const usages = new Map<Workspace, Usage>();

  for (const ws of [root, ...workspaces]) {
    const usage = usageOf(ws, ws === root ? input.extraScripts : []);
    usages.set(ws, usage);
    const own = declared(ws.manifest);
    const allowed = new Set([...own, ...rootDeclared, ws.manifest.name, ...(ws === root ? workspaceNames : [])]);
    for (const [pkg, file] of usage.packages) {
      if (!allowed.has(pkg)) problems.push({ workspace: ws.manifest.name, dependency: pkg, kind: 'undeclared', file });
    }
    if (ws === root) continue;
    const used = usedOf(own, usage, input);
    for (const dep of own) {
      if (!used.has(dep)) problems.push({ workspace: ws.manifest.name, dependency: dep, kind: 'unused' });
    }
  }

  const everywhere: Usage = { packages: new Map(), mentions: new Set(), usesBuiltins: false, words: new Set() };
  for (const usage of usages.values()) {
    for (const [pkg, file] of usage.packages) everywhere.packages.set(pkg, file);
    for (const m of usage.mentions) everywhere.mentions.add(m);
    everywhere.usesBuiltins ||= usage.usesBuiltins;
    for (const w of usage.words) everywhere.words.add(w);
  }
  const usedAnywhere = usedOf(rootDeclared, everywhere, input);
  for (const dep of rootDeclared) {
    if (!usedAnywhere.has(dep)) problems.push({ workspace: root.manifest.name, dependency: dep, kind: 'unused' });
  }
  return problems;
}

export function describeProblem(p: DependencyProblem): string {
  return p.kind === 'unused'
    ? `${p.workspace}: ${p.dependency} is declared but never imported or run`
    : `${p.workspace}: ${p.dependency} is imported (${p.file}) but not declared in package.json`;
}
