'use client';
// "Save as assembly": the selected appliances become a reusable box. The user names it, picks
// which loose terminals become the box's terminals (and under what names) and which properties
// it exposes; the server's objections are shown here, in place.
import {
  type AssemblyDraft,
  assemblyFromSelection,
  type BoundaryCandidate,
  boundaryCandidates,
  type ChosenTerminal,
  type EditorDoc,
  type PropertyCandidate,
  propertyCandidates,
} from '@colo/canvas';
import { ASSEMBLY_ICONS, type Catalog, DNS_LABEL, issuePlace, PROPERTY_NAME } from '@colo/manifest';
import { useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, Input } from '@/components/ui/input';
import { ApiError, type UserAssembly } from '../editor-api';
import { checkAssemblyId } from './assembly-id-check';

export interface SaveAssemblyRequest {
  draft: AssemblyDraft;
  terminals: ChosenTerminal[];
  replace: boolean;
  note: string;
}

interface TerminalRow extends BoundaryCandidate {
  checked: boolean;
}

interface PropertyRow extends PropertyCandidate {
  checked: boolean;
}

/** `shop` for a VDC named `shop-edit` (what "Edit a copy" makes) when `shop` is yours. */
function suggestedId(vdcName: string, assemblies: readonly UserAssembly[]): UserAssembly | undefined {
  const m = /^(.+)-edit(-\d+)?$/.exec(vdcName);
  return m ? assemblies.find((a) => a.mine && a.id === m[1]) : undefined;
}

const slug = (endpoint: string) => endpoint.replace('.', '-');

export function SaveAssemblyDialog(props: {
  doc: EditorDoc;
  selection: string[];
  catalog: Catalog;
  vdcName: string;
  stockIds: string[];
  userAssemblies: UserAssembly[];
  onSave: (request: SaveAssemblyRequest) => Promise<void>;
  onClose: () => void;
}) {
  const { doc, selection, catalog } = props;
  const previous = useMemo(() => suggestedId(props.vdcName, props.userAssemblies), [props.vdcName, props.userAssemblies]);
  const [id, setId] = useState(previous?.id ?? '');
  const [title, setTitle] = useState(previous?.title ?? '');
  const [description, setDescription] = useState(previous?.description ?? '');
  const [icon, setIcon] = useState<string>(previous?.icon ?? 'boxes');
  const [note, setNote] = useState('');
  const [replace, setReplace] = useState(true);
  const [terminals, setTerminals] = useState<TerminalRow[]>(() => {
    const before = new Map(previous?.definition.terminals.map((t) => [t.endpoint, t.name]));
    return boundaryCandidates(doc, catalog, selection).map((c) => {
      const name = before.get(c.endpoint);
      return { ...c, name: name ?? c.name, checked: previous ? name !== undefined || c.preselected : c.preselected };
    });
  });
  const [properties, setProperties] = useState<PropertyRow[]>(() => {
    const before = new Map(previous?.definition.properties.map((p) => [p.target, p]));
    return propertyCandidates(doc, catalog, selection).map((c) => {
      const old = before.get(c.target);
      return { ...c, name: old?.name ?? c.name, label: old?.label ?? c.label, checked: old !== undefined };
    });
  });
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ message: string; issues: { path: string; message: string }[] }>();

  const idCheck = checkAssemblyId(id, catalog, props.stockIds, props.userAssemblies);
  const chosenTerminals = terminals.filter((t) => t.checked);
  const chosenProperties = properties.filter((p) => p.checked);
  const terminalProblem = (row: TerminalRow): string | undefined => {
    if (!DNS_LABEL.test(row.name)) return 'a DNS label';
    if (chosenTerminals.filter((t) => t.name === row.name).length > 1) return 'used twice';
    return undefined;
  };
  const propertyProblem = (row: PropertyRow): string | undefined => {
    if (!PROPERTY_NAME.test(row.name)) return 'an identifier (letters, digits, _)';
    if (chosenProperties.filter((p) => p.name === row.name).length > 1) return 'used twice';
    return undefined;
  };
  const blocked =
    !idCheck.ok ||
    title.trim() === '' ||
    chosenTerminals.some((t) => terminalProblem(t) !== undefined) ||
    chosenProperties.some((p) => propertyProblem(p) !== undefined);
  const lostWires = terminals.filter((t) => !t.checked && t.because === 'wired-outside');

  const submit = async () => {
    if (blocked || saving) return;
    setSaving(true);
    setFailure(undefined);
    const chosen = chosenTerminals.map((t) => ({ endpoint: t.endpoint, name: t.name }));
    const draft = assemblyFromSelection(
      doc,
      selection,
      { id, title: title.trim(), description, icon: icon as AssemblyDraft['icon'] },
      chosen,
      chosenProperties.map((p) => ({ target: p.target, name: p.name, label: p.label, default: p.default })),
    );
    try {
      await props.onSave({ draft, terminals: chosen, replace, note });
    } catch (err) {
      const issues = err instanceof ApiError && Array.isArray(err.details.issues) ? (err.details.issues as { path: string; message: string; appliance?: string; field?: string }[]) : [];
      setFailure({ message: (err as Error).message, issues });
      setSaving(false);
    }
  };

  const updateTerminal = (endpoint: string, patch: Partial<TerminalRow>) =>
    setTerminals((rows) => rows.map((r) => (r.endpoint === endpoint ? { ...r, ...patch } : r)));
  const updateProperty = (target: string, patch: Partial<PropertyRow>) =>
    setProperties((rows) => rows.map((r) => (r.target === target ? { ...r, ...patch } : r)));

  return (
    <Dialog
      open
      size="lg"
      testId="save-assembly-dialog"
      title="Save as assembly"
      description={
        <>
          {selection.length} appliance{selection.length === 1 ? '' : 's'} ({selection.join(', ')}) with the wires among them become one
          reusable box.
        </>
      }
      onClose={() => !saving && props.onClose()}
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={props.onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={saving} disabled={blocked} data-testid="save-assembly-submit">
            {idCheck.ok && idCheck.existing ? `Save version ${idCheck.version}` : 'Save assembly'}
          </Button>
        </>
      }
    >
      <div className="max-h-[62vh] space-y-5 overflow-y-auto pr-1">
        <div className="grid grid-cols-2 gap-3">
          <Field
            label="Id"
            error={id === '' ? null : idCheck.ok ? null : idCheck.problem}
            hint={idCheck.ok ? (idCheck.existing ? `Yours already: saves version ${idCheck.version}` : 'A new assembly, version 1') : 'Placed as class <id>@<version>'}
          >
            {(ids) => (
              <Input
                id={ids.id}
                aria-describedby={ids.describedBy}
                invalid={ids.invalid}
                value={id}
                autoFocus
                spellCheck={false}
                onChange={(e) => setId(e.target.value.trim())}
                className="font-mono"
                data-testid="save-assembly-id"
              />
            )}
          </Field>
          <Field label="Title">
            {(ids) => <Input id={ids.id} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={80} data-testid="save-assembly-title" />}
          </Field>
        </div>
        <div className="grid grid-cols-[1fr_auto] gap-3">
          <Field label="Description">
            {(ids) => <Input id={ids.id} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />}
          </Field>
          <Field label="Icon">
            {(ids) => (
              <select id={ids.id} value={icon} onChange={(e) => setIcon(e.target.value)} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
                {ASSEMBLY_ICONS.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {idCheck.ok && idCheck.existing && (
          <Field label="What changed in this version (optional)">
            {(ids) => <Input id={ids.id} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />}
          </Field>
        )}

        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Terminals of the box</legend>
          <p className="text-xs text-slate-500">The terminals no wire inside the selection uses. Ticked: wired to the rest of the drawing, or published.</p>
          {terminals.length === 0 && <p className="mt-2 text-xs text-slate-500">None: every terminal is wired inside the selection.</p>}
          <ul className="mt-2 space-y-1">
            {terminals.map((row) => {
              const problem = row.checked ? terminalProblem(row) : undefined;
              return (
                <li key={row.endpoint} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={row.checked}
                    onChange={(e) => updateTerminal(row.endpoint, { checked: e.target.checked })}
                    aria-label={`Make ${row.endpoint} a terminal of the box`}
                    data-testid={`save-assembly-terminal-${slug(row.endpoint)}`}
                  />
                  <span className="w-44 truncate font-mono text-xs text-slate-700" title={`${row.kind} ${row.protocol}`}>
                    {row.endpoint} <span className="text-slate-500">{row.kind === 'input' ? 'in' : 'out'} · {row.protocol}</span>
                  </span>
                  <span className="text-slate-500">as</span>
                  <Input
                    value={row.name}
                    disabled={!row.checked}
                    invalid={problem !== undefined}
                    onChange={(e) => updateTerminal(row.endpoint, { name: e.target.value.trim() })}
                    aria-label={`Name of the box terminal for ${row.endpoint}`}
                    className="h-7 w-40 font-mono text-xs"
                    data-testid={`save-assembly-terminal-name-${slug(row.endpoint)}`}
                  />
                  {problem && <span className="text-xs text-rose-700">{problem}</span>}
                  {!problem && row.because && (
                    <span className="text-xs text-slate-500">{row.because === 'exposed' ? 'published' : 'wired outside'}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>

        {properties.length > 0 && (
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Properties the box exposes</legend>
            <p className="text-xs text-slate-500">Settable on each box; the default is the value the appliance has now.</p>
            <ul className="mt-2 space-y-1">
              {properties.map((row) => {
                const problem = row.checked ? propertyProblem(row) : undefined;
                return (
                  <li key={row.target} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={row.checked}
                      onChange={(e) => updateProperty(row.target, { checked: e.target.checked })}
                      aria-label={`Expose ${row.target}`}
                      data-testid={`save-assembly-property-${slug(row.target)}`}
                    />
                    <span className="w-44 truncate font-mono text-xs text-slate-700" title={`default ${String(row.default ?? '—')}`}>
                      {row.target} <span className="text-slate-500">= {String(row.default ?? '—')}</span>
                    </span>
                    <Input
                      value={row.name}
                      disabled={!row.checked}
                      invalid={problem !== undefined}
                      onChange={(e) => updateProperty(row.target, { name: e.target.value.trim() })}
                      aria-label={`Name of the property for ${row.target}`}
                      className="h-7 w-36 font-mono text-xs"
                    />
                    <Input
                      value={row.label}
                      disabled={!row.checked}
                      onChange={(e) => updateProperty(row.target, { label: e.target.value })}
                      aria-label={`Label of the property for ${row.target}`}
                      placeholder="label"
                      className="h-7 w-36 text-xs"
                    />
                    {problem && <span className="text-xs text-rose-700">{problem}</span>}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        )}

        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} className="mt-0.5" data-testid="save-assembly-replace" />
          <span>
            Replace the selection with the new box
            <span className="block text-xs text-slate-500">
              Wires to the rest of the drawing and published ports move to the box&apos;s terminals (one undo step).
              {replace && lostWires.length > 0 && (
                <span className="text-amber-700"> {lostWires.map((t) => t.endpoint).join(', ')} is wired outside but not ticked: that wire goes.</span>
              )}
            </span>
          </span>
        </label>

        {failure && (
          <Alert title="The assembly was not saved" testId="save-assembly-errors">
            {failure.issues.length > 0 ? (
              <ul className="list-disc space-y-0.5 pl-4">
                {failure.issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>
                    {issuePlace(i) && <span className="font-medium">{issuePlace(i)}: </span>}
                    {i.message}
                  </li>
                ))}
              </ul>
            ) : (
              failure.message
            )}
          </Alert>
        )}
      </div>
    </Dialog>
  );
}
