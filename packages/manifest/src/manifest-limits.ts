// Size limits checked in one cheap pass over the parsed value, before the schema or any model
// sees it: validation cost then stays linear in the manifest's size, whatever its shape. A
// manifest past a limit gets only these errors (each naming its path and the limit), because
// judging the rest of a 1 MiB runaway would cost more than it tells.
import { IssueList, type PathSegment } from './issue';

export const MANIFEST_LIMITS = {
  /** Nesting levels; a real manifest uses at most 5 (`appliances[0].expose[0].port`). */
  depth: 16,
  appliances: 1000,
  connections: 10000,
  /** Per appliance. */
  expose: 100,
  startAfter: 1000,
  properties: 100,
  /** Positions under `visual:`, at most one per appliance. */
  visual: 1000,
  /** Any other list, wherever it is (the schema refuses it anyway; its size must not cost). */
  list: 1000,
  /** Keys of any other object: strict objects know fewer than ten. */
  keys: 32,
  keyLength: 200,
  stringLength: 65536,
} as const;

/** Which limit bounds the list or object at `path` ('#' stands for any index). */
function limitFor(shape: string, isList: boolean): { limit: number; unit: string } {
  if (isList) {
    switch (shape) {
      case 'appliances':
        return { limit: MANIFEST_LIMITS.appliances, unit: 'items' };
      case 'connections':
        return { limit: MANIFEST_LIMITS.connections, unit: 'items' };
      case 'appliances/#/expose':
        return { limit: MANIFEST_LIMITS.expose, unit: 'items' };
      case 'appliances/#/startAfter':
        return { limit: MANIFEST_LIMITS.startAfter, unit: 'items' };
      default:
        return { limit: MANIFEST_LIMITS.list, unit: 'items' };
    }
  }
  if (shape === 'visual') return { limit: MANIFEST_LIMITS.visual, unit: 'entries' };
  if (shape === 'appliances/#/properties') return { limit: MANIFEST_LIMITS.properties, unit: 'entries' };
  return { limit: MANIFEST_LIMITS.keys, unit: 'keys' };
}

interface Frame {
  value: object;
  /** The container it sits in and its key there: the path is built only for an error. */
  parent?: Frame;
  key?: PathSegment;
  depth: number;
  /** The path with indexes as '#', joined by '/'. */
  shape: string;
}

function pathOf(frame: Frame | undefined, last?: PathSegment): PathSegment[] {
  const path: PathSegment[] = last === undefined ? [] : [last];
  for (let at = frame; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** Every limit the value breaks, capped like any issue list; empty when it is within all. */
export function checkManifestLimits(value: unknown): IssueList {
  const issues = new IssueList();
  if (typeof value === 'string' && value.length > MANIFEST_LIMITS.stringLength) {
    issues.error([], `must have at most ${MANIFEST_LIMITS.stringLength} characters`);
  }
  if (typeof value !== 'object' || value === null) return issues;
  const stack: Frame[] = [{ value, depth: 0, shape: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value: node, shape } = frame;
    if (frame.depth >= MANIFEST_LIMITS.depth) {
      issues.error(() => pathOf(frame), `is nested too deeply: a manifest has at most ${MANIFEST_LIMITS.depth} levels`);
      continue;
    }
    const isList = Array.isArray(node);
    const keys = isList ? undefined : Object.keys(node);
    const size = isList ? node.length : keys!.length;
    const { limit, unit } = limitFor(shape, isList);
    if (size > limit) {
      // Its items are not looked at: past the limit they are noise.
      issues.error(() => pathOf(frame), `must have at most ${limit} ${unit}`);
      continue;
    }
    // Pushed in reverse so issues come out in document order.
    for (let i = size - 1; i >= 0; i--) {
      const key: PathSegment = isList ? i : keys![i];
      const child = isList ? (node as unknown[])[i] : (node as Record<string, unknown>)[key];
      // A map's keys are judged by the schema (its message says the same); elsewhere an overlong
      // key would be echoed whole in "unknown key …", so it stops here.
      if (typeof key === 'string' && key.length > MANIFEST_LIMITS.keyLength && unit === 'keys') {
        issues.error(() => pathOf(frame, key), `keys must be 1 to ${MANIFEST_LIMITS.keyLength} characters long`);
        continue;
      }
      if (typeof child === 'string') {
        if (child.length > MANIFEST_LIMITS.stringLength) {
          issues.error(() => pathOf(frame, key), `must have at most ${MANIFEST_LIMITS.stringLength} characters`);
        }
      } else if (typeof child === 'object' && child !== null) {
        const childShape = `${shape === '' ? '' : `${shape}/`}${isList ? '#' : key}`;
        stack.push({ value: child, parent: frame, key, depth: frame.depth + 1, shape: childShape });
      }
    }
  }
  return issues;
}
