// Turns zod's issues into Colo issues: plain-language messages, `appliances[1].class` paths,
// and one issue per unknown key (so the editor can point at each).
import type { z } from 'zod';
import type { IssueList, PathSegment } from './issue';
import { KEY_ORDER, unknownKeyMessage } from './manifest-schema';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'a number';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

function range(origin: string, bound: number | bigint, inclusive: boolean | undefined, small: boolean): string {
  const n = Number(bound);
  if (origin === 'string') {
    if (small && n === 1) return 'must not be empty';
    return small ? `must have at least ${n} characters` : `must have at most ${n} characters`;
  }
  if (origin === 'array') return small ? `must have at least ${n} items` : `must have at most ${n} items`;
  if (small) return inclusive ? `must be at least ${n}` : `must be greater than ${n}`;
  return inclusive ? `must be at most ${n}` : `must be less than ${n}`;
}

/** Per-parse error map: messages a person reads, without zod's vocabulary. */
export const manifestErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describe(issue.input)}`;
    case 'too_small':
      return range(issue.origin, issue.minimum, issue.inclusive, true);
    case 'too_big':
      return range(issue.origin, issue.maximum, issue.inclusive, false);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_key':
      return 'keys must be 1 to 200 characters long';
    default:
      return undefined;
  }
};

/** Which keys the object at `path` accepts, for "did you mean" on unknown keys. */
function allowedKeysAt(path: readonly PathSegment[]): readonly string[] {
  const shape = path.map((s) => (typeof s === 'number' ? '#' : s)).join('/');
  switch (shape) {
    case '':
      return KEY_ORDER.manifest;
    case 'appliances/#':
      return KEY_ORDER.appliance;
    case 'appliances/#/resources':
      return KEY_ORDER.resources;
    case 'appliances/#/expose/#':
      return KEY_ORDER.expose;
    case 'appliances/#/placement':
      return KEY_ORDER.placement;
    case 'connections/#':
      return KEY_ORDER.connection;
    default:
      return path[0] === 'visual' && path.length === 2 ? KEY_ORDER.position : [];
  }
}

function segments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((s) => (typeof s === 'symbol' ? String(s) : s));
}

/** Adds zod's issues to `list`; an unknown key's "did you mean" is worked out only if it is listed. */
export function addZodIssues(list: IssueList, issues: readonly z.core.$ZodIssue[]): void {
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const path = segments(issue.path);
      const allowed = allowedKeysAt(path);
      for (const key of issue.keys) list.error([...path, key], () => unknownKeyMessage(key, allowed));
      continue;
    }
    list.error(segments(issue.path), issue.message || 'is not valid');
  }
}
