// The inspector's edits of one appliance. A setting set back to "nothing" leaves the manifest
// (the class default applies), so a manifest never fills up with empty objects and lists.
import type { Appliance, Expose, ManifestPropertyValue } from '@colo/manifest';
import { type EditorDoc, withManifest } from '../editor-doc';
import { type Edit, refuse } from './edit';

type Settings = Omit<Appliance, 'name'>;

function isEmpty(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => v === undefined);
}

/** Sets (or, with undefined or an empty list/object, removes) settings of appliance `name`. */
export function updateAppliance(doc: EditorDoc, name: string, patch: Partial<Settings>): Edit {
  const index = doc.manifest.appliances.findIndex((a) => a.name === name);
  if (index === -1) return refuse(`there is no appliance "${name}"`);
  const before = doc.manifest.appliances[index];
  const next: Record<string, unknown> = { ...before };
  for (const [key, value] of Object.entries(patch)) {
    if (isEmpty(value)) delete next[key];
    else next[key] = value;
  }
  const appliances = [...doc.manifest.appliances];
  appliances[index] = next as Appliance;
  return { ok: true, doc: withManifest(doc, { appliances }) };
}

export function setReplicas(doc: EditorDoc, name: string, replicas: number | undefined): Edit {
  return updateAppliance(doc, name, { replicas });
}

export function setResources(
  doc: EditorDoc,
  name: string,
  resources: { cpu?: number; memory?: number | string } | undefined,
): Edit {
  const clean = resources && Object.fromEntries(Object.entries(resources).filter(([, v]) => v !== undefined));
  return updateAppliance(doc, name, { resources: clean });
}

export function setProperty(doc: EditorDoc, name: string, key: string, value: ManifestPropertyValue | undefined): Edit {
  const current = doc.manifest.appliances.find((a) => a.name === name);
  if (!current) return refuse(`there is no appliance "${name}"`);
  const properties = { ...current.properties };
  if (value === undefined) delete properties[key];
  else properties[key] = value;
  return updateAppliance(doc, name, { properties });
}

export function setExpose(doc: EditorDoc, name: string, expose: Expose[]): Edit {
  return updateAppliance(doc, name, { expose });
}

/** Standby off is the default, so it is written only when on. */
export function setStandby(doc: EditorDoc, name: string, standby: boolean): Edit {
  return updateAppliance(doc, name, { standby: standby || undefined });
}

export function setStartAfter(doc: EditorDoc, name: string, startAfter: string[]): Edit {
  if (startAfter.includes(name)) return refuse(`"${name}" cannot start after itself`);
  return updateAppliance(doc, name, { startAfter: [...new Set(startAfter)] });
}

export function setDescription(doc: EditorDoc, description: string): Edit {
  const manifest = { ...doc.manifest };
  if (description.trim() === '') delete manifest.description;
  else manifest.description = description;
  return { ok: true, doc: { manifest, positions: doc.positions } };
}
