// Where an appliance runs when Colo's Docker engine is a swarm (issue 10), written per appliance
// as `placement: { group: db-pair, node: "label:zone=a" }` and per expose entry as `node`:
// - `group`: a failover group (AppLogic): appliances of one group never share a node while enough
//   nodes exist. An appliance's own replicas always form one, so a group of one adds nothing.
// - `node`: a node's hostname, or `label:key=value` for any node with that label.
// On a single host both are accepted and ignored; the plan says so (placementNotes).
import { z } from 'zod';

export const GROUP_PATTERN = /^[a-z0-9]([a-z0-9-]{0,126}[a-z0-9])?$/;
/** RFC 1123 host names: dot-separated labels of letters, digits and '-'. */
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** Docker node labels; a value Swarm's constraint syntax reads as one word (no spaces, no '='). */
const LABEL_SELECTOR = /^label:([A-Za-z0-9][A-Za-z0-9._-]{0,127})=([A-Za-z0-9._/:@-]{1,128})$/;

export type NodeSelector = { kind: 'hostname'; hostname: string } | { kind: 'label'; key: string; value: string };

/** `web-2.example` → hostname; `label:zone=a` → label; undefined when it is neither. */
export function parseNodeSelector(text: string): NodeSelector | undefined {
  const label = LABEL_SELECTOR.exec(text);
  if (label) return { kind: 'label', key: label[1] as string, value: label[2] as string };
  return HOSTNAME.test(text) ? { kind: 'hostname', hostname: text } : undefined;
}

export function formatNodeSelector(selector: NodeSelector): string {
  return selector.kind === 'label' ? `label:${selector.key}=${selector.value}` : selector.hostname;
}

function selectorProblem(text: string): string | undefined {
  if (parseNodeSelector(text) !== undefined) return undefined;
  if (text.startsWith('label:')) {
    return 'must be "label:key=value": a key of letters, digits, ".", "_" or "-", and a value without spaces or "="';
  }
  return 'must be a node hostname (letters, digits, "-" and ".") or "label:key=value"';
}

export const nodeSelectorSchema = z
  .string()
  .max(300)
  .superRefine((value, ctx) => {
    const problem = selectorProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

export const placementShape = {
  group: z
    .string()
    .regex(GROUP_PATTERN, 'must be a group name: lowercase letters, digits and "-", at most 128 characters')
    .optional(),
  node: nodeSelectorSchema.optional(),
};

/**
 * The plan's words when placement is written and the VDC runs on one host: nothing is lost,
 * nothing is silently applied either.
 */
export function placementNotes(manifest: {
  appliances: { name: string; placement?: { group?: string; node?: string }; expose?: { terminal: string; node?: string }[] }[];
}): string[] {
  const notes: string[] = [];
  for (const a of manifest.appliances) {
    if (a.placement?.group !== undefined) notes.push(`${a.name}: failover group "${a.placement.group}" applies on a swarm only; this host runs everything`);
    if (a.placement?.node !== undefined) notes.push(`${a.name}: node "${a.placement.node}" applies on a swarm only; this host runs everything`);
    for (const e of a.expose ?? []) {
      if (e.node !== undefined) notes.push(`${a.name}.${e.terminal}: published on this host; node "${e.node}" applies on a swarm only`);
    }
  }
  return notes;
}

/** Failover groups of a manifest: group → its appliances, in manifest order (groups of 2 or more). */
export function failoverGroups(manifest: { appliances: { name: string; placement?: { group?: string } }[] }): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const a of manifest.appliances) {
    const group = a.placement?.group;
    if (group !== undefined) groups.set(group, [...(groups.get(group) ?? []), a.name]);
  }
  return new Map([...groups].filter(([, members]) => members.length > 1));
}
