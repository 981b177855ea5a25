// Manifest text (YAML, which includes JSON) into a plain value, guarded for untrusted input:
// bounded size, no alias bombs, one document, syntax errors with line and column.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { Catalog } from './class-schema';
import type { Issue } from './issue';
import { linePosition, scanJson } from './json-manifest';
import { type ValidateOptions, type ValidationResult, validateManifest } from './validate-manifest';

export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Enough for hand-written anchors; far too few for a "billion laughs" expansion. */
const MAX_ALIAS_COUNT = 100;
/** Past this many syntax errors the rest are echoes of the first ones. */
const MAX_SYNTAX_ERRORS = 20;
/** Brackets a JSON text may nest before it is refused unread (the validator allows far fewer). */
const MAX_JSON_DEPTH = 64;
const DUPLICATE_KEY = 'Map keys must be unique';

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function syntaxMessage(error: YAMLError, lines: LineCounter): string {
  const { line, col } = lines.linePos(error.pos[0]);
  let text = error.message.split('\n')[0];
  if (error.code === 'MULTIPLE_DOCS') text = 'a manifest is a single YAML document; remove the extra "---" document';
  // yaml turns its own stack overflow on absurd nesting into an error; say what it means.
  else if (/call stack/i.test(text)) text = 'nested too deeply to read';
  return `line ${line}, column ${col}: ${text}`;
}

function fail(message: string): { errors: Issue[] } {
  return { errors: [{ path: '', message, severity: 'error' }] };
}

function atLine(text: string, offset: number, message: string): Issue {
  const { line, col } = linePosition(text, offset);
  return { path: '', message: `line ${line}, column ${col}: ${message}`, severity: 'error' };
}

/**
 * A text that is JSON, read by JSON.parse; undefined when it is not JSON, so the YAML parser
 * reads it (YAML includes JSON) and words any syntax error.
 */
function parseJsonText(text: string): { value?: unknown; errors: Issue[] } | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  const scan = scanJson(text, MAX_JSON_DEPTH, MAX_SYNTAX_ERRORS);
  if (scan === undefined) return undefined;
  if (scan.tooDeep !== undefined) {
    return { errors: [atLine(text, scan.tooDeep, `nested more than ${MAX_JSON_DEPTH} levels deep`)] };
  }
  if (scan.duplicates.length > 0) return { errors: scan.duplicates.map((at) => atLine(text, at, DUPLICATE_KEY)) };
  try {
    return { value: JSON.parse(text), errors: [] };
  } catch {
    return undefined;
  }
}

/**
 * Repeated keys in any map of the document, found with one Set per map. (The yaml package's own
 * `uniqueKeys` compares each key with every earlier one: quadratic in a map's size.) Keys are
 * compared as the object keys they become, so `1` and `"1"` collide as they would in the value.
 */
function duplicateKeys(doc: Document, lines: LineCounter): Issue[] {
  const issues: Issue[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0 && issues.length < MAX_SYNTAX_ERRORS) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          if (seen.has(key) && pair.key.range && issues.length < MAX_SYNTAX_ERRORS) {
            const { line, col } = lines.linePos(pair.key.range[0]);
            issues.push({ path: '', message: `line ${line}, column ${col}: ${DUPLICATE_KEY}`, severity: 'error' });
          }
          seen.add(key);
        }
        stack.push(pair.value);
      }
    }
  }
  return issues;
}

/** Parses YAML or JSON text. Returns `value` only when there were no errors. */
export function parseManifestText(text: string): { value?: unknown; errors: Issue[] } {
  if (typeof text !== 'string') return fail('a manifest must be text');
  // Cheap test first: UTF-8 never takes fewer bytes than UTF-16 code units.
  if (text.length > MAX_MANIFEST_BYTES || utf8Length(text) > MAX_MANIFEST_BYTES) {
    return fail(`a manifest may be at most 1 MiB; this one is ${utf8Length(text)} bytes`);
  }
  const json = parseJsonText(text);
  if (json !== undefined) {
    if (json.errors.length === 0 && (json.value === null || json.value === undefined)) return fail('the manifest is empty');
    return json;
  }
  const lines = new LineCounter();
  let value: unknown;
  try {
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    // Unknown tags (`!!python/object`) are only warnings to yaml; in untrusted input they are errors.
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0) {
      const messages = [...new Set(problems.map((e) => syntaxMessage(e, lines)))].slice(0, MAX_SYNTAX_ERRORS);
      return { errors: messages.map((message) => ({ path: '', message, severity: 'error' as const })) };
    }
    const duplicates = duplicateKeys(doc, lines);
    if (duplicates.length > 0) return { errors: duplicates };
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws ReferenceErrors for aliases (unknown anchor, or expansion past the limit).
    if (error instanceof ReferenceError) {
      if (/excessive alias count/i.test(error.message)) {
        return fail('the manifest uses YAML aliases too heavily; write the values out instead');
      }
      return fail(`the manifest has an alias to an unknown anchor: ${error.message}`);
    }
    return fail('the manifest could not be read as YAML or JSON (too deeply nested?)');
  }
  if (value === null || value === undefined) return fail('the manifest is empty');
  return { value, errors: [] };
}

/** Parse, then validate: what the API's `POST /validate` and the CLI do with a file. */
export function validateManifestText(text: string, catalog: Catalog, options?: ValidateOptions): ValidationResult {
  const parsed = parseManifestText(text);
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors, warnings: [] };
  return validateManifest(parsed.value, catalog, options);
}
