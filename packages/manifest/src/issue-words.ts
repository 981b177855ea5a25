// Issues in words: which appliance, which field. A path like `appliances[1].properties.workers`
// is how the validator finds a spot; people read `web · PHP workers`. Every issue the validator
// (and the server after it) reports gets its words here, so the editor, the API and the CLI
// print the same line (formatIssue).
import type { Catalog } from './class-schema';
import { formatEndpoint } from './endpoint';
import type { Issue } from './issue';
import { buildModel, type ManifestModel } from './manifest-model';

const APPLIANCE_PATH = /^appliances\[(\d+)\](.*)$/;
const CONNECTION_PATH = /^connections\[(\d+)\]/;

/** The field words of an appliance-relative path (`.resources.memory` → `memory`). */
const FIELDS: [RegExp, string][] = [
  [/^\.resources\.cpu\b/, 'cpu'],
  [/^\.resources\.memory\b/, 'memory'],
  [/^\.resources\b/, 'resources'],
  [/^\.expose\[\d+\]\.port\b/, 'host port'],
  [/^\.expose\[\d+\]\.terminal\b/, 'exposed terminal'],
  [/^\.expose\b/, 'exposed ports'],
  [/^\.startAfter\b/, 'start after'],
  [/^\.placement\b/, 'placement'],
  [/^\.failover\b/, 'failover'],
  [/^\.standby\b/, 'standby'],
];

function applianceField(model: ManifestModel, index: number, rest: string): string | undefined {
  if (rest === '') return undefined;
  const property = /^\.properties(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\["(.*?)"\])?/.exec(rest);
  if (property) {
    const key = property[1] ?? property[2];
    if (key === undefined) return 'properties';
    const declared = model.appliances[index]?.cls?.properties.find((p) => p.name === key);
    return declared?.label ?? key;
  }
  for (const [pattern, words] of FIELDS) if (pattern.test(rest)) return words;
  // `.name`, `.class`, `.replicas`, or any other key: its own name is its word.
  return /^\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(rest)?.[1] ?? rest.replace(/^\./, '');
}

function wordsOf(issue: Issue, model: ManifestModel): Issue {
  if (issue.appliance !== undefined || issue.field !== undefined) return issue;
  const app = APPLIANCE_PATH.exec(issue.path);
  if (app) {
    const index = Number(app[1]);
    const appliance = model.appliances[index]?.name ?? `appliance ${index + 1}`;
    const field = applianceField(model, index, app[2] ?? '');
    return field === undefined ? { ...issue, appliance } : { ...issue, appliance, field };
  }
  const wire = CONNECTION_PATH.exec(issue.path);
  if (wire) {
    const entry = model.connections[Number(wire[1])];
    const field = entry?.from && entry.to ? `wire ${formatEndpoint(entry.from)} → ${formatEndpoint(entry.to)}` : `wire ${Number(wire[1]) + 1}`;
    return { ...issue, field };
  }
  if (issue.path.startsWith('visual')) return { ...issue, field: 'layout' };
  if (issue.path === 'name') return { ...issue, field: 'VDC name' };
  return issue;
}

/** The issues with their appliance and field in words, from a model already built. */
export function withIssueWords(issues: Issue[], model: ManifestModel): Issue[] {
  return issues.map((issue) => wordsOf(issue, model));
}

/**
 * The same for issues found outside the validator (the server's quota and host port checks),
 * about the manifest `input` as written.
 */
export function describeIssues(issues: Issue[], input: unknown, catalog: Catalog): Issue[] {
  if (issues.length === 0) return issues;
  return withIssueWords(issues, buildModel(input, catalog));
}
