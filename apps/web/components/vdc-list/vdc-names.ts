// The create dialog's help with names and ports: a free name from an assembly's (or a duplicated
// VDC's) name, the names a team already uses, and the host ports a manifest publishes.
import type { VdcRow } from './types';

const MAX_NAME = 32;

/** `base` made a VDC name (lowercase letters, digits, dashes; a letter first; at most 32). */
export function asVdcName(base: string): string {
  const cleaned = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+/g, '-')
    .slice(0, MAX_NAME)
    .replace(/-+$/, '');
  return cleaned;
}

/** `base` as a name, or `base-2`, `base-3`… when a VDC of the team has it already. */
export function suggestName(base: string, taken: ReadonlySet<string>): string {
  const name = asVdcName(base) || 'vdc';
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${name.slice(0, MAX_NAME - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Names the team `team` (its slug; '' for the caller's personal team) already uses. */
export function namesInTeam(rows: VdcRow[], team: string): Set<string> {
  // Servers before teams send no team: every VDC is the caller's own.
  return new Set(rows.filter((v) => (team === '' ? !v.team || v.team.personal : v.team?.slug === team)).map((v) => v.name));
}

/** How the dialogs say a name is taken (the server's name_taken, in the field as it is typed). */
export function nameTakenProblem(name: string, team: string): string {
  return team ? `Team ${team} already has a VDC named "${name}".` : `You already have a VDC named "${name}".`;
}

type ManifestLike = Record<string, unknown> & { appliances?: unknown };
type Expose = { port?: unknown };

/** The host ports `manifest` publishes (its appliances' expose), each once, in order. */
export function publishedPorts(manifest: ManifestLike): number[] {
  const appliances = Array.isArray(manifest.appliances) ? (manifest.appliances as { expose?: unknown }[]) : [];
  const ports = appliances.flatMap((a) => (Array.isArray(a?.expose) ? (a.expose as Expose[]) : []).map((e) => e?.port));
  return [...new Set(ports.filter((p): p is number => typeof p === 'number'))];
}

/** `manifest` with published ports moved (`old → new`); the rest as they were. */
export function movePorts<M extends ManifestLike>(manifest: M, moved: Record<number, number>): M {
  if (Object.keys(moved).length === 0 || !Array.isArray(manifest.appliances)) return manifest;
  return {
    ...manifest,
    appliances: (manifest.appliances as Record<string, unknown>[]).map((a) =>
      Array.isArray(a.expose)
        ? { ...a, expose: (a.expose as (Expose & Record<string, unknown>)[]).map((e) => (typeof e.port === 'number' && moved[e.port] ? { ...e, port: moved[e.port] } : e)) }
        : a,
    ),
  };
}
