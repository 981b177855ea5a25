// The bundle's checksum: sha256 of the canonical JSON of every field but `checksum` — object keys
// sorted by code unit at every level, arrays in order, no whitespace, as JSON.stringify writes
// strings and numbers. It catches edits after export; it is no signature.
import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = canonical((value as Record<string, unknown>)[key]);
  return sorted;
}

/** Any JSON value with object keys sorted at every level, arrays in order, no whitespace. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

export function canonicalBundleJson(bundle: Record<string, unknown>): string {
  const { checksum: _ignored, ...rest } = bundle;
  return canonicalJson(rest);
}

export function bundleChecksum(bundle: Record<string, unknown>): string {
  return `sha256:${createHash('sha256').update(canonicalBundleJson(bundle), 'utf8').digest('hex')}`;
}
