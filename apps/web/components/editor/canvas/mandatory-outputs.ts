// Which mandatory outputs the drawing has and which of them are still unwired: what the canvas
// legend explains (the `*` after a terminal's name, the amber handle).
import type { EditorDoc } from '@colo/canvas';
import type { Catalog } from '@colo/manifest';

export interface MandatoryOutputs {
  /** Some box has an output marked `*`. */
  any: boolean;
  /** `appliance.terminal` of each mandatory output no wire leaves yet. */
  unwired: string[];
}

export function mandatoryOutputs(doc: EditorDoc, catalog: Catalog): MandatoryOutputs {
  const wired = new Set(doc.manifest.connections.map((c) => c.from));
  let any = false;
  const unwired: string[] = [];
  for (const appliance of doc.manifest.appliances) {
    for (const output of catalog.get(appliance.class)?.terminals.outputs ?? []) {
      if (!output.mandatory) continue;
      any = true;
      const endpoint = `${appliance.name}.${output.name}`;
      if (!wired.has(endpoint)) unwired.push(endpoint);
    }
  }
  return { any, unwired };
}
