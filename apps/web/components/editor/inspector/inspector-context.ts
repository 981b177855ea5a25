// What every inspector section needs: the appliance, its class, the validator's words about it,
// and the store's run/seal (edits coalesce per field and seal on blur).
import type { EditorDoc, Edit } from '@colo/canvas';
import type { Appliance, ApplianceClass, Issue } from '@colo/manifest';
import type { EditorStore } from '../use-editor-store';

export interface ApplianceEditing {
  doc: EditorDoc;
  appliance: Appliance;
  cls: ApplianceClass;
  /** Issues about this appliance, keyed by the rest of their path (`.replicas`, `.properties.x`, ``). */
  issues: Issue[];
  apply: (field: string, command: (doc: EditorDoc) => Edit) => Edit;
  done: () => void;
  store: EditorStore;
}

/** The first message whose path is `suffix` or inside it. */
export function problemAt(editing: Pick<ApplianceEditing, 'issues'>, suffix: string): string | undefined {
  return editing.issues.find((i) => i.path === suffix || i.path.startsWith(`${suffix}.`) || i.path.startsWith(`${suffix}[`))?.message;
}
