// Renaming an appliance renames every reference to it, so a rename never cuts a wire, loses a
// position or breaks a start order.
import { DNS_LABEL } from '@colo/manifest';
import type { EditorDoc } from '../editor-doc';
import { type Edit, refuse } from './edit';

function renameEndpoint(endpoint: string, from: string, to: string): string {
  return endpoint.startsWith(`${from}.`) ? `${to}${endpoint.slice(from.length)}` : endpoint;
}

export function renameAppliance(doc: EditorDoc, from: string, to: string): Edit {
  if (from === to) return { ok: true, doc };
  if (!doc.manifest.appliances.some((a) => a.name === from)) return refuse(`there is no appliance "${from}"`);
  if (!DNS_LABEL.test(to)) {
    return refuse('a name is a DNS label: lowercase letters, digits and "-", starting with a letter, at most 32 characters');
  }
  if (doc.manifest.appliances.some((a) => a.name === to)) return refuse(`an appliance named "${to}" already exists`);

  const appliances = doc.manifest.appliances.map((a) => {
    const renamed = a.name === from ? { ...a, name: to } : a;
    if (!renamed.startAfter?.includes(from)) return renamed;
    return { ...renamed, startAfter: renamed.startAfter.map((n) => (n === from ? to : n)) };
  });
  const connections = doc.manifest.connections.map((c) => {
    const next = { from: renameEndpoint(c.from, from, to), to: renameEndpoint(c.to, from, to) };
    return next.from === c.from && next.to === c.to ? c : next;
  });
  const positions: Record<string, EditorDoc['positions'][string]> = {};
  for (const [name, at] of Object.entries(doc.positions)) positions[name === from ? to : name] = at;
  return { ok: true, doc: { manifest: { ...doc.manifest, appliances, connections }, positions } };
}
