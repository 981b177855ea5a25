// Reads the catalog from disk: every `appliances/<id>/class.yaml` and every `assemblies/*.yaml`
// under the templates root. All problems are collected and thrown together, each naming its
// file and field, so one run shows everything to fix.
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { type AssemblyInfo, parseAssemblyFile } from './assembly-file';
import { CatalogError, type CatalogProblem } from './catalog-error';
import { parseClassFile } from './class-file';
import { type ClassSource, createFileCatalog, type FileCatalog } from './file-catalog';

/**
 * `<repo>/templates`, found from this file so it works from any working directory. (Built with
 * path.resolve rather than `new URL(…, import.meta.url)`, which Next's bundler would take for an
 * asset import.)
 */
export const DEFAULT_TEMPLATES_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../templates');

/** The templates root a caller's environment names: COLO_TEMPLATES_DIR, else the repo's. */
export function templatesRoot(env: Record<string, string | undefined>): string {
  return env.COLO_TEMPLATES_DIR || DEFAULT_TEMPLATES_ROOT;
}

export interface LoadedCatalog {
  catalog: FileCatalog;
  assemblies: AssemblyInfo[];
  /**
   * Images Colo runs itself (`templates/system/<id>/`, e.g. the edge proxy): built and cached
   * like classes, never offered on the canvas nor accepted in a manifest.
   */
  system: ClassSource[];
}

export async function loadCatalog(root: string = DEFAULT_TEMPLATES_ROOT): Promise<LoadedCatalog> {
  const absRoot = path.resolve(/*turbopackIgnore: true*/ root);
  // Messages name files from the templates folder down: `templates/appliances/halb/class.yaml`.
  const shown = (file: string) => path.relative(path.dirname(absRoot), file);

  const problems: CatalogProblem[] = [];
  const appliancesDir = path.join(absRoot, 'appliances');
  const sources = await loadClassFolders(appliancesDir, shown, problems);
  if (sources === undefined) {
    throw CatalogError.invalid([{ file: shown(appliancesDir), path: '', message: 'folder not found' }]);
  }
  await applyPropertyLabels(path.join(appliancesDir, PROPERTY_LABELS_FILE), sources, shown, problems);
  const system = (await loadClassFolders(path.join(absRoot, 'system'), shown, problems)) ?? [];
  const clash = system.find((s) => sources.some((c) => c.class.id === s.class.id));
  if (clash) problems.push({ file: shown(clash.file), path: 'id', message: `"${clash.class.id}" is also a catalog class` });
  if (problems.length > 0) throw CatalogError.invalid(problems);
  const catalog = createFileCatalog(sources);

  const assemblies: AssemblyInfo[] = [];
  const assembliesDir = path.join(absRoot, 'assemblies');
  for (const name of (await listEntries(assembliesDir, 'file')) ?? []) {
    const ext = path.extname(name);
    if (ext !== '.yaml' && ext !== '.yml') continue;
    const file = path.join(assembliesDir, name);
    const text = (await readText(file)) ?? '';
    const parsed = parseAssemblyFile(text, { id: path.basename(name, ext), file, shownAs: shown(file) }, catalog);
    if (parsed.ok) assemblies.push(parsed.assembly);
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0) throw CatalogError.invalid(problems);
  return { catalog, assemblies, system };
}

/**
 * `appliances/_labels.yaml`: the words people read for the stock classes' properties
 * (`web-php: { workers: PHP workers }`), beside the class folders rather than in them, because a
 * class folder is its image's build context and a new label must not rebuild an image. A
 * `label` written in class.yaml itself wins.
 */
export const PROPERTY_LABELS_FILE = '_labels.yaml';
type Labels = Record<string, Record<string, string>>;

function isLabels(value: unknown): value is Labels {
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  return isMap(value) && Object.values(value).every((m) => isMap(m) && Object.values(m).every((l) => typeof l === 'string' && l.length > 0 && l.length <= 60));
}

async function applyPropertyLabels(file: string, sources: ClassSource[], shown: (file: string) => string, problems: CatalogProblem[]): Promise<void> {
  const text = await readText(file);
  if (text === undefined) return;
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    problems.push({ file: shown(file), path: '', message: (error as Error).message });
    return;
  }
  if (!isLabels(value)) {
    problems.push({ file: shown(file), path: '', message: 'must map class ids to { property: label } (labels of 1 to 60 characters)' });
    return;
  }
  for (const [classId, labels] of Object.entries(value)) {
    const source = sources.find((s) => s.class.id === classId);
    if (!source) {
      problems.push({ file: shown(file), path: classId, message: `no class "${classId}" in this folder` });
      continue;
    }
    for (const [name, label] of Object.entries(labels)) {
      const prop = source.class.properties.find((p) => p.name === name);
      if (!prop) problems.push({ file: shown(file), path: `${classId}.${name}`, message: `class "${classId}" has no property "${name}"` });
      else if (prop.label === undefined) prop.label = label;
    }
  }
}

/** Every `<dir>/<id>/class.yaml`; undefined when `dir` does not exist. Problems are collected. */
async function loadClassFolders(dir: string, shown: (file: string) => string, problems: CatalogProblem[]): Promise<ClassSource[] | undefined> {
  const folders = await listEntries(dir, 'dir');
  if (folders === undefined) return undefined;
  const sources: ClassSource[] = [];
  for (const folder of folders) {
    const classDir = path.join(dir, folder);
    const file = path.join(classDir, 'class.yaml');
    const text = await readText(file);
    if (text === undefined) {
      problems.push({ file: shown(file), path: '', message: 'missing: every class folder needs a class.yaml' });
      continue;
    }
    const hasDockerfile = await exists(path.join(classDir, 'Dockerfile'));
    const parsed = parseClassFile(text, { file: shown(file), folder, hasDockerfile });
    if (parsed.ok) sources.push({ class: parsed.class, dir: classDir, file, hasDockerfile });
    else problems.push(...parsed.problems);
  }
  return sources;
}

/** Sorted names of the folders or files in `dir` (hidden and `_`-prefixed ones skipped). */
async function listEntries(dir: string, kind: 'dir' | 'file'): Promise<string[] | undefined> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return entries
    .filter((e) => (kind === 'dir' ? e.isDirectory() : e.isFile()) && !/^[._]/.test(e.name))
    .map((e) => e.name)
    .sort();
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
