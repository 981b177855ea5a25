// One class.yaml from text to a checked ApplianceClass: YAML syntax, the class schema, then the
// rules the schema cannot express (see class-rules.ts). Every problem names its field path.
import { type ApplianceClass, classSchema, formatPath } from '@colo/manifest';
import { LineCounter, parseDocument } from 'yaml';
import type { CatalogProblem } from './catalog-error';
import { checkClassRules } from './class-rules';

export interface ClassFileContext {
  /** How the file is named in messages, e.g. `appliances/halb/class.yaml`. */
  file: string;
  /** The class folder's name, which the class id must equal. */
  folder: string;
  /** Whether a Dockerfile sits beside class.yaml. */
  hasDockerfile: boolean;
}

export type ParsedClass = { ok: true; class: ApplianceClass } | { ok: false; problems: CatalogProblem[] };

/** Reads YAML (or JSON) text; problems carry `line L, column C` when the syntax is at fault. */
export function parseYamlText(text: string, file: string): { value?: unknown; problems: CatalogProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { file, path: '', message: `line ${line}, column ${col}: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const value = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) return { problems: [{ file, path: '', message: 'the file is empty' }] };
  return { value, problems: [] };
}

export function parseClassFile(text: string, ctx: ClassFileContext): ParsedClass {
  const { file } = ctx;
  const yaml = parseYamlText(text, file);
  if (yaml.problems.length > 0) return { ok: false, problems: yaml.problems };

  const parsed = classSchema.safeParse(yaml.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue): CatalogProblem[] => {
      const path = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
      // zod reports unknown keys on their parent; pointing at each key is what a person needs.
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ file, path: formatPath([...path, key]), message: 'unknown key' }));
      }
      return [{ file, path: formatPath(path), message: issue.message }];
    });
    return { ok: false, problems };
  }

  const problems = checkClassRules(parsed.data, ctx).map(({ path, message }) => ({ file, path: formatPath(path), message }));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, class: parsed.data };
}
