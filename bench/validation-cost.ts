// What bench/validate.ts measures, apart from its command line, so bench/validate.test.ts can run
// the same code on small manifests.
import { type Catalog, type ValidationResult, validateManifest, validateManifestText } from '@colo/manifest';
import { type HostileShape, largestHostile } from '@colo/manifest/testing';
import { parseDocument } from 'yaml';

export interface ShapeCost {
  shape: string;
  about: string;
  /** Size of the YAML text (the JSON text is about the same size or absent). */
  bytes: number;
  /** Worst time over the rounds, ms: YAML text, JSON text, and a JSON body parsed by JSON.parse. */
  yaml: number;
  json?: number;
  jsonBody?: number;
  /** The first error (or "valid") of the YAML run: what a user would be told. */
  verdict: string;
  results: ValidationResult[];
  /** Baselines in the same run, median ms: JSON.parse of the JSON text, the bare YAML parser on the YAML text. */
  jsonParse?: number;
  yamlParse: number;
}

function worst(rounds: number, run: () => ValidationResult): { ms: number; result: ValidationResult } {
  let result = run(); // warm-up: the first call pays for JIT compilation
  let ms = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    result = run();
    ms = Math.max(ms, performance.now() - t0);
  }
  return { ms, result };
}

function median(rounds: number, run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < Math.max(rounds, 3); i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function verdictOf(result: ValidationResult): string {
  if (result.ok) return 'valid';
  const first = result.errors[0];
  const text = first.path ? `${first.path}: ${first.message}` : first.message;
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

export function measureShape(shape: HostileShape, catalog: Catalog, rounds: number, maxBytes?: number): ShapeCost {
  const yamlText = largestHostile(shape, 'yaml', maxBytes);
  if (yamlText === undefined) throw new Error(`shape ${shape.name} has no YAML form`);
  const jsonText = largestHostile(shape, 'json', maxBytes);
  const yaml = worst(rounds, () => validateManifestText(yamlText.text, catalog));
  const cost: ShapeCost = {
    shape: shape.name,
    about: shape.about,
    bytes: yamlText.bytes,
    yaml: yaml.ms,
    verdict: verdictOf(yaml.result),
    results: [yaml.result],
    // What the yaml package alone costs on this text (no alias expansion, no checks of ours).
    yamlParse: median(rounds, () => parseDocument(yamlText.text, { uniqueKeys: false })),
  };
  if (jsonText !== undefined) {
    const json = worst(rounds, () => validateManifestText(jsonText.text, catalog));
    // The API's path for `{"manifest": {...}}`: the body is JSON.parse'd, then validated as a value.
    const body = worst(rounds, () => validateManifest(JSON.parse(jsonText.text), catalog));
    cost.jsonParse = median(rounds, () => JSON.parse(jsonText.text));
    cost.json = json.ms;
    cost.jsonBody = body.ms;
    cost.results.push(json.result, body.result);
  }
  return cost;
}

/** A plain JSON.parse of an ordinary manifest of `bytes` bytes, median ms: the baseline of shapes without JSON. */
export function jsonParseBaseline(bytes: number, rounds: number): number {
  const appliance = (i: number) => ({
    name: `web${i}`,
    class: 'web-php',
    replicas: 2,
    resources: { cpu: 0.5, memory: '256Mi' },
    properties: { workers: 4, docroot: '/var/www/html' },
    expose: [{ terminal: 'in', port: 10000 + i }],
  });
  const items: unknown[] = [];
  let text = '';
  for (let size = 0; size < bytes; size += JSON.stringify(items[items.length - 1]).length + 1) {
    items.push(appliance(items.length));
  }
  text = JSON.stringify({ apiVersion: 'colo/v1', kind: 'VDC', name: 'baseline', appliances: items });
  const times: number[] = [];
  JSON.parse(text);
  for (let i = 0; i < Math.max(rounds, 5); i++) {
    const t0 = performance.now();
    JSON.parse(text);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}
