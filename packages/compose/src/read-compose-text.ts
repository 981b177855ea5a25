// Compose text into a plain value, guarded for untrusted input: a 256 KiB cap checked before any
// parsing, the manifest's own YAML guards (one document, no duplicate keys, aliases bounded),
// then a nesting bound walked without recursion.
import { parseManifestText } from '@colo/manifest';

export const MAX_COMPOSE_BYTES = 256 * 1024;
/** Far deeper than any real compose file (services.x.deploy.resources.limits is 5). */
export const MAX_COMPOSE_DEPTH = 32;

/** The first container nested deeper than `max`, or undefined. Iterative: no stack to blow. */
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

/** The manifest parser's words, said of a compose file. */
function reword(message: string): string {
  return message.replace(/\b(a|the) manifest\b/g, '$1 compose file');
}

export function readComposeText(text: string): { value?: unknown; errors: string[] } {
  if (typeof text !== 'string') return { errors: ['a compose file must be text'] };
  // UTF-16 length first (cheap), then the byte length the limit is stated in.
  const bytes = text.length > MAX_COMPOSE_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_COMPOSE_BYTES) {
    return { errors: [`a compose file may be at most 256 KiB; this one is at least ${bytes} bytes`] };
  }
  const parsed = parseManifestText(text);
  if (parsed.errors.length > 0) return { errors: parsed.errors.map((issue) => reword(issue.message)) };
  if (tooDeep(parsed.value, MAX_COMPOSE_DEPTH)) {
    return { errors: [`the compose file is nested more than ${MAX_COMPOSE_DEPTH} levels deep`] };
  }
  return { value: parsed.value, errors: [] };
}
