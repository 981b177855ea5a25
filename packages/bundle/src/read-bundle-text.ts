// Bundle text into a plain value, guarded for untrusted input: a 1 MiB cap checked before any
// parsing, the manifest parser's YAML guards (one document, no duplicate keys, aliases bounded),
// then a nesting bound walked without recursion.
import { parseManifestText } from '@colo/manifest';

export const MAX_BUNDLE_BYTES = 1024 * 1024;
/** A bundle is a manifest one level down; the manifest validator bounds the rest. */
export const MAX_BUNDLE_DEPTH = 32;

function tooDeep(value: unknown, max: number): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}

/** The manifest parser's words, said of a bundle. */
function reword(message: string): string {
  return message.replace(/\b(a|the) manifest\b/g, '$1 bundle');
}

export function readBundleText(text: string): { value?: unknown; errors: string[] } {
  if (typeof text !== 'string') return { errors: ['a bundle must be text'] };
  const bytes = text.length > MAX_BUNDLE_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_BUNDLE_BYTES) return { errors: [`a bundle may be at most 1 MiB; this one is at least ${bytes} bytes`] };
  const parsed = parseManifestText(text);
  if (parsed.errors.length > 0) return { errors: parsed.errors.map((issue) => reword(issue.message)) };
  if (tooDeep(parsed.value, MAX_BUNDLE_DEPTH)) return { errors: [`the bundle is nested more than ${MAX_BUNDLE_DEPTH} levels deep`] };
  return { value: parsed.value, errors: [] };
}
