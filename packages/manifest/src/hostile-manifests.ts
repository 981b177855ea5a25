// Manifests an attacker (or a runaway script) would send: each as large as the 1 MiB cap allows,
// shaped to hit one cost of parsing or validating. Shared by the unit tests (each shape gets the
// right answer) and `bench/validate.ts` (each shape stays cheap). Class names exist in both the
// test catalog and the real one.
import { stringify } from 'yaml';
import { MAX_MANIFEST_BYTES } from './parse-manifest';

export interface HostileShape {
  name: string;
  /** What it attacks, one line for the bench's table. */
  about: string;
  /** The manifest text for `count` repetitions of the hostile part; JSON absent when it has no JSON form. */
  text(count: number, format: 'yaml' | 'json'): string | undefined;
}

const head = { apiVersion: 'colo/v1', kind: 'VDC', name: 'hostile' };
const label = (prefix: string, i: number) => `${prefix}${i.toString(36)}`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function render(value: unknown, format: 'yaml' | 'json'): string {
  return format === 'json' ? JSON.stringify(value) : stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** `count` appliances named a0, a1, … of real classes: the graph the other shapes wire into. */
function appliances(count: number) {
  return range(count).map((i) => ({ name: label('a', i), class: i % 2 === 0 ? 'web-php' : 'nas' }));
}

function fromValue(build: (count: number) => unknown) {
  return (count: number, format: 'yaml' | 'json') => render(build(count), format);
}

export const HOSTILE_SHAPES: readonly HostileShape[] = [
  {
    name: 'visual-keys',
    about: 'one key per position under visual:',
    text: fromValue((n) => ({ ...head, visual: Object.fromEntries(range(n).map((i) => [label('v', i), { x: i, y: 1 }])) })),
  },
  {
    name: 'appliances',
    about: 'more appliances than the limit',
    text: fromValue((n) => ({ ...head, appliances: appliances(n) })),
  },
  {
    name: 'unknown-connections',
    about: 'connections naming appliances that do not exist',
    text: fromValue((n) => ({
      ...head,
      appliances: appliances(Math.min(n, 1000)),
      connections: range(n).map((i) => ({ from: `${label('b', i)}.db`, to: `${label('c', i)}.in` })),
    })),
  },
  {
    name: 'unknown-connections-at-limit',
    about: '1000 appliances, 10000 wires to near-miss names',
    text: fromValue((n) => ({
      ...head,
      appliances: appliances(1000),
      connections: range(Math.min(n, 10000)).map((i) => ({ from: `${label('a', i)}x.db`, to: `${label('a', i + 1)}y.in` })),
    })),
  },
  {
    name: 'properties',
    about: 'one appliance with a huge properties map',
    text: fromValue((n) => ({
      ...head,
      appliances: [{ name: 'web', class: 'web-php', properties: Object.fromEntries(range(n).map((i) => [label('p', i), i])) }],
    })),
  },
  {
    name: 'properties-at-limit',
    about: 'many appliances, each at the properties limit, all unknown',
    text: fromValue((n) => ({
      ...head,
      appliances: range(Math.min(Math.ceil(n / 100), 1000)).map((a) => ({
        name: label('a', a),
        class: 'web-php',
        properties: Object.fromEntries(range(100).map((i) => [label('wrkers', i), i])),
      })),
    })),
  },
  {
    name: 'start-after',
    about: 'startAfter lists naming unknown appliances',
    text: fromValue((n) => ({
      ...head,
      appliances: range(Math.min(Math.ceil(n / 1000), 1000)).map((a) => ({
        name: label('a', a),
        class: 'web-php',
        startAfter: range(1000).map((i) => label('z', a * 1000 + i)),
      })),
    })),
  },
  {
    name: 'unknown-keys',
    about: 'keys a strict object does not know',
    text: fromValue((n) => ({ ...head, appliances: [{ name: 'web', class: 'web-php', ...Object.fromEntries(range(n).map((i) => [label('k', i), 1])) }] })),
  },
  {
    name: 'deep-nesting',
    about: 'lists nested as deep as the size allows',
    text: (n, format) =>
      format === 'json'
        ? `{"apiVersion":"colo/v1","kind":"VDC","name":"hostile","description":${'['.repeat(n)}${']'.repeat(n)}}`
        : `apiVersion: colo/v1\nkind: VDC\nname: hostile\ndescription: ${'['.repeat(n)}${']'.repeat(n)}\n`,
  },
  {
    name: 'long-strings',
    about: 'one string as long as the size allows, as a key and a value',
    text: fromValue((n) => ({
      ...head,
      appliances: [{ name: 'web', class: 'web-php', properties: { [`k${'e'.repeat(n)}`]: 'v'.repeat(n) } }],
    })),
  },
  {
    name: 'duplicate-keys',
    about: 'a huge map whose last key repeats the first',
    text: (n, format) => {
      const keys = range(n).map((i) => label('v', i));
      keys.push(keys[0]);
      return format === 'json'
        ? `{"apiVersion":"colo/v1","kind":"VDC","name":"hostile","visual":{${keys.map((k) => `"${k}":{"x":1,"y":2}`).join(',')}}}`
        : `apiVersion: colo/v1\nkind: VDC\nname: hostile\nvisual:\n${keys.map((k) => `  ${k}: { x: 1, y: 2 }\n`).join('')}`;
    },
  },
  {
    name: 'alias-bomb',
    about: 'YAML anchors and aliases ("billion laughs")',
    text: (n, format) => {
      if (format === 'json') return undefined;
      const levels = range(Math.min(n, 30)).map(
        (i) => `  l${i + 1}: &l${i + 1} [${range(10).map(() => `*l${i}`).join(', ')}]\n`,
      );
      const filler = range(Math.max(0, n - 30)).map((i) => `  f${i}: *l0\n`);
      return `apiVersion: colo/v1\nkind: VDC\nname: hostile\ndescription: x\nvisual:\n  l0: &l0 { x: 1, y: 2 }\n${levels.join('')}${filler.join('')}`;
    },
  },
  {
    name: 'many-issues',
    about: '1000 appliances, every field of each wrong',
    text: fromValue((n) => ({
      ...head,
      appliances: range(Math.min(n, 1000)).map((i) => ({
        name: label('a', i),
        class: 'web-phq',
        replicas: 5000,
        expose: range(20).map((j) => ({ terminal: 'inn', port: 80 + j })),
        startAfter: [label('zz', i)],
      })),
    })),
  },
];

const utf8 = new TextEncoder();

/**
 * About the largest count whose text still fits `maxBytes` (the hostile part grows with `count`,
 * roughly linearly), with the text. Undefined when the shape has no form in `format`.
 */
export function largestHostile(shape: HostileShape, format: 'yaml' | 'json', maxBytes = MAX_MANIFEST_BYTES) {
  const size = (count: number) => {
    const text = shape.text(count, format);
    return text === undefined ? undefined : { count, text, bytes: utf8.encode(text).length };
  };
  let at = size(64);
  if (at === undefined) return undefined;
  let best = at.bytes <= maxBytes ? at : size(1)!;
  // Scale the count by how far off the size is; shapes whose growth is capped stop growing.
  for (let step = 0; step < 8 && at.bytes !== maxBytes; step++) {
    const scaled = Math.floor(at.count * (maxBytes / at.bytes) * (at.bytes > maxBytes ? 0.998 : 1));
    const count = Math.min(Math.max(1, scaled), 1 << 22);
    if (count === at.count) break;
    at = size(count)!;
    if (at.bytes <= maxBytes && at.count > best.count) best = at;
  }
  return best;
}
