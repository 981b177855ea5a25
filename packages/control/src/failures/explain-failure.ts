// A failed operation in words a person can act on: the class of failure (failure-classes.ts),
// the appliance it hit (so its canvas node can say so), what happened, what to do, and Docker's
// raw text kept as the details. Pure: the operation views call it with what they read.
import { type FailureClass, ruleFor, unknownWords } from './failure-classes';

export interface FailureExplanation {
  class: FailureClass;
  /** The cause, in plain words. */
  message: string;
  /** The next step. */
  fix: string;
  /** The appliance the failure hit, when it can be told (its node shows it failed). */
  appliance: string | null;
  /** Docker's (or the engine's) own words, for "details". */
  details: string;
}

export interface FailedOperationFacts {
  error: string | null;
  /** The ColoError code stored with it (`invalid_manifest`, `docker_unavailable`, `no_space`…). */
  errorCode: string | null;
  steps: readonly { key: string; status: string; error: string | null }[];
  /** The VDC's Docker prefix: container `colo-<dockerKey>-<appliance>-<replica>`. */
  dockerKey: string;
  /** Host port → the appliance that publishes it, from the revision deployed. */
  publishedBy?: ReadonlyMap<number, string>;
  /** The revision's appliance names: tell `colo-<key>-db-data` (a volume of db) from an appliance `db-data`. */
  appliances?: readonly string[];
}

type NamingFacts = Pick<FailedOperationFacts, 'dockerKey' | 'publishedBy' | 'appliances'>;

export function explainFailure(facts: FailedOperationFacts): FailureExplanation | null {
  const failedStep = facts.steps.find((s) => s.status === 'failed');
  const raw = (facts.error ?? failedStep?.error ?? '').trim();
  if (!raw) return null;
  const appliance = failedAppliance(facts, raw, failedStep?.key);
  const rule = ruleFor(raw, facts.errorCode);
  const words = rule ? rule.words({ raw, appliance }) : unknownWords({ raw, appliance });
  return { class: rule?.class ?? 'unknown', ...words, appliance: appliance ?? null, details: raw };
}

/**
 * The appliance to blame: one a client waited for (its own failure is the cause), else the one
 * the failed step worked on (a listener's by its port), else one Docker's text names.
 */
export function failedAppliance(facts: NamingFacts, raw: string, stepKey?: string): string | undefined {
  const waitedFor = /waits for ([a-z0-9][a-z0-9-]*), which is not healthy/i.exec(raw)?.[1];
  if (waitedFor) return waitedFor;
  const fromStep = stepKey ? applianceOfObject(stepKey.slice(stepKey.indexOf(':') + 1), facts) : undefined;
  if (fromStep) return fromStep;
  const key = escapeRegExp(facts.dockerKey);
  for (const m of raw.matchAll(new RegExp(`colo-(?:${key}-[a-z0-9-]+|edge-[a-z0-9-]+-\\d+)`, 'gi'))) {
    const found = applianceOfObject(m[0], facts);
    if (found) return found;
  }
  return undefined;
}

/** `colo-<key>-web-2`, `colo-<key>-web` (a swarm service), `colo-edge-<instance>-8080` (a listener). */
function applianceOfObject(name: string, facts: NamingFacts): string | undefined {
  const listener = /^colo-edge-.+-(\d+)$/.exec(name);
  if (listener) return facts.publishedBy?.get(Number(listener[1]));
  const prefix = `colo-${facts.dockerKey}-`;
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  // Wires, ingress and egress networks are the VDC's too, but no one appliance's.
  if (/^(wire|ingress|egress)-/.test(rest)) return undefined;
  if (facts.appliances?.length) {
    // The longest name that is the whole rest or its start (`web-api` before `web`).
    const names = [...facts.appliances].sort((a, b) => b.length - a.length);
    return names.find((a) => rest === a || rest.startsWith(`${a}-`));
  }
  return /^(.+)-\d+$/.exec(rest)?.[1] ?? rest;
}

/** The appliance names and host port → appliance of a stored manifest (its `expose` entries). */
export function manifestNaming(manifest: unknown): Required<Pick<FailedOperationFacts, 'publishedBy' | 'appliances'>> {
  const publishedBy = new Map<number, string>();
  const names: string[] = [];
  const appliances = (manifest as { appliances?: unknown } | null)?.appliances;
  if (!Array.isArray(appliances)) return { publishedBy, appliances: names };
  for (const a of appliances as { name?: unknown; expose?: unknown }[]) {
    if (typeof a?.name !== 'string') continue;
    names.push(a.name);
    if (!Array.isArray(a.expose)) continue;
    for (const e of a.expose as { port?: unknown }[]) if (typeof e?.port === 'number') publishedBy.set(e.port, a.name);
  }
  return { publishedBy, appliances: names };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
