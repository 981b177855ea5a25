// Untrusted YAML that is not a manifest (a compose file, a bundle) read with the manifest's own
// guards: a size cap checked before any parsing, the manifest parser (one document, no duplicate
// keys, aliases bounded), then a nesting bound walked without recursion. Errors name the thing.
import { parseManifestText } from './parse-manifest';

export interface GuardedYamlLimits {
  /** What the user calls the text: `compose file`, `bundle`. */
  what: string;
  maxBytes: number;
  /** The cap in words, e.g. `256 KiB`. */
  maxBytesText: string;
  maxDepth: number;
}

/** True when a container is nested `max` levels deep or more. Iterative: no stack to blow. */
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

export function readGuardedYaml(text: string, limits: GuardedYamlLimits): { value?: unknown; errors: string[] } {
  const { what, maxBytes, maxBytesText, maxDepth } = limits;
  if (typeof text !== 'string') return { errors: [`a ${what} must be text`] };
  // UTF-16 length first (cheap), then the byte length the limit is stated in.
  const bytes = text.length > maxBytes ? text.length : new TextEncoder().encode(text).length;
  if (bytes > maxBytes) return { errors: [`a ${what} may be at most ${maxBytesText}; this one is at least ${bytes} bytes`] };
  const parsed = parseManifestText(text);
  // The manifest parser's words, said of this text.
  if (parsed.errors.length > 0) return { errors: parsed.errors.map((issue) => issue.message.replace(/\b(a|the) manifest\b/g, `$1 ${what}`)) };
  if (tooDeep(parsed.value, maxDepth)) return { errors: [`the ${what} is nested more than ${maxDepth} levels deep`] };
  return { value: parsed.value, errors: [] };
}
