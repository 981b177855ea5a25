// What every command returns: the new document, or why nothing changed. A refused command
// leaves the document as it was, so the caller can show the reason and move on.
import type { EditorDoc } from '../editor-doc';

export type Edit<T extends object = object> = ({ ok: true; doc: EditorDoc } & T) | { ok: false; reason: string };

export function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
