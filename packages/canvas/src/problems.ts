// The problems panel's data: the validator's verdict on the drawing (edit mode: an unwired
// mandatory output is a warning until deploy), and which box or wire each message is about.
import { type Catalog, type Issue, type ValidationResult, validateManifest } from '@colo/manifest';
import { docToManifest, type EditorDoc } from './editor-doc';
import { connectionId } from './flow';

export function validateDoc(doc: EditorDoc, catalog: Catalog): ValidationResult {
  return validateManifest(docToManifest(doc), catalog, { mode: 'edit' });
}

export type IssueTarget = { kind: 'appliance'; name: string } | { kind: 'connection'; id: string };

/** The canvas item an issue path points into (`appliances[2].…`, `connections[0].to`, `visual.web`). */
export function issueTarget(issue: Issue, doc: EditorDoc): IssueTarget | undefined {
  const m = /^(appliances|connections)\[(\d+)\]/.exec(issue.path);
  if (m) {
    const index = Number(m[2]);
    if (m[1] === 'appliances') {
      const a = doc.manifest.appliances[index];
      return a ? { kind: 'appliance', name: a.name } : undefined;
    }
    const c = doc.manifest.connections[index];
    if (!c) return undefined;
    // A repeated wire's edge id carries its occurrence number, as docToFlow numbers them.
    const id = connectionId(c);
    const n = doc.manifest.connections.slice(0, index).filter((o) => connectionId(o) === id).length;
    return { kind: 'connection', id: n === 0 ? id : `${id}#${n + 1}` };
  }
  const v = /^visual\.([a-z][a-z0-9-]*)$/.exec(issue.path);
  if (v && doc.manifest.appliances.some((a) => a.name === v[1])) return { kind: 'appliance', name: v[1] };
  return undefined;
}
