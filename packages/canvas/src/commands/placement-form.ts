// The inspector's Placement section (swarm only: a failover group and a node) as plain text
// inputs, and back. Whatever is typed goes into the manifest trimmed, so the validator's message
// shows under the field like any other; an emptied input leaves the manifest.
import type { Appliance, Expose, Placement } from '@colo/manifest';
import type { EditorDoc } from '../editor-doc';
import type { Edit } from './edit';
import { refuse } from './edit';
import { updateAppliance } from './update-appliance';

export interface PlacementForm {
  group: string;
  node: string;
}

export function placementForm(appliance: Pick<Appliance, 'placement'>): PlacementForm {
  return { group: appliance.placement?.group ?? '', node: appliance.placement?.node ?? '' };
}

/** The form as the manifest's `placement`; undefined when both inputs are empty. */
export function placementFromForm(form: PlacementForm): Placement | undefined {
  const group = form.group.trim();
  const node = form.node.trim();
  const placement: Placement = { ...(group ? { group } : {}), ...(node ? { node } : {}) };
  return Object.keys(placement).length > 0 ? placement : undefined;
}

export function setPlacement(doc: EditorDoc, name: string, form: PlacementForm): Edit {
  return updateAppliance(doc, name, { placement: placementFromForm(form) });
}

/** An expose entry's node input: typed text trimmed in, an empty one removes the key. */
export function setExposeNode(doc: EditorDoc, name: string, terminal: string, node: string): Edit {
  const appliance = doc.manifest.appliances.find((a) => a.name === name);
  if (!appliance) return refuse(`there is no appliance "${name}"`);
  const expose = appliance.expose ?? [];
  if (!expose.some((e) => e.terminal === terminal)) return refuse(`${name}.${terminal} is not published`);
  const next = expose.map((e): Expose => {
    if (e.terminal !== terminal) return e;
    const { node: _old, ...rest } = e;
    return node.trim() ? { ...rest, node: node.trim() } : rest;
  });
  return updateAppliance(doc, name, { expose: next });
}
