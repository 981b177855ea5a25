'use client';
// "Open" on a box: the assembly's interior at the box's version, drawn read-only with the same
// nodes as the canvas, its boundary terminals and exposed properties beside it. "Edit a copy"
// makes a new VDC of the interior (`<id>-edit`), where "Save as assembly" under the same id
// saves the next version.
import { docToFlow, manifestToDoc } from '@colo/canvas';
import type { AssemblyDefinition, Catalog } from '@colo/manifest';
import { Background, BackgroundVariant, type Edge, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { ApplianceNode } from '../canvas/appliance-node';
import type { ApplianceFlowNode } from '../canvas/node-types';
import { ApiError, fetchAssemblyVersion, postVdc } from '../editor-api';

const NODE_TYPES = { appliance: ApplianceNode };

function splitRef(ref: string): { id: string; version?: number } {
  const at = ref.indexOf('@');
  return at === -1 ? { id: ref } : { id: ref.slice(0, at), version: Number(ref.slice(at + 1)) };
}

function interiorManifest(def: AssemblyDefinition, name: string) {
  return { apiVersion: 'colo/v1' as const, kind: 'VDC' as const, name, appliances: def.appliances, connections: def.connections, visual: def.visual };
}

function InteriorDrawing({ def, catalog }: { def: AssemblyDefinition; catalog: Catalog }) {
  const { nodes, edges } = useMemo(() => {
    const flow = docToFlow(manifestToDoc(interiorManifest(def, def.id)), catalog);
    const wired = new Map<string, string[]>();
    for (const e of flow.edges) {
      wired.set(e.source, [...(wired.get(e.source) ?? []), e.sourceHandle]);
      wired.set(e.target, [...(wired.get(e.target) ?? []), e.targetHandle]);
    }
    const drawn: ApplianceFlowNode[] = flow.nodes.map((n) => {
      const box = catalog.assembly?.(n.data.appliance.class)?.version;
      return { ...n, data: { ...n.data, wired: (wired.get(n.id) ?? []).sort().join(','), ...(box === undefined ? {} : { box }) } };
    });
    const lines: Edge[] = flow.edges.map((e) => ({ ...e, className: 'colo-edge' }));
    return { nodes: drawn, edges: lines };
  }, [def, catalog]);
  return (
    <ReactFlowProvider>
      <ReactFlow<ApplianceFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
        className="colo-canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="#cbd5e1" />
      </ReactFlow>
    </ReactFlowProvider>
  );
}

/** A VDC named `<id>-edit` (or `-edit-2`…) holding the interior; answers its name. */
async function createEditCopy(def: AssemblyDefinition): Promise<string> {
  for (let n = 1; n <= 20; n++) {
    const name = `${def.id.slice(0, 26)}-edit${n === 1 ? '' : `-${n}`}`;
    try {
      await postVdc(interiorManifest(def, name));
      return name;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) continue;
      throw err;
    }
  }
  throw new Error(`every name from ${def.id}-edit to ${def.id}-edit-20 is taken`);
}

export function AssemblyInteriorDialog(props: { boxName: string; classRef: string; catalog: Catalog; onClose: () => void }) {
  const { catalog, classRef } = props;
  const known = catalog.assembly?.(classRef);
  const [fetched, setFetched] = useState<AssemblyDefinition>();
  const [error, setError] = useState<string>();
  const [copying, setCopying] = useState(false);
  const router = useRouter();
  const def = known ?? fetched;

  useEffect(() => {
    if (known) return;
    const { id, version } = splitRef(classRef);
    if (!version) return setError(`"${classRef}" names no version of an assembly`);
    const abort = new AbortController();
    fetchAssemblyVersion(id, version, abort.signal)
      .then(setFetched)
      .catch((err: unknown) => !abort.signal.aborted && setError((err as Error).message));
    return () => abort.abort();
  }, [known, classRef]);

  const editCopy = async () => {
    if (!def) return;
    setCopying(true);
    setError(undefined);
    try {
      const name = await createEditCopy(def);
      router.push(`/vdcs/${encodeURIComponent(name)}`);
    } catch (err) {
      setError((err as Error).message);
      setCopying(false);
    }
  };

  return (
    <Dialog
      open
      size="lg"
      testId="assembly-interior"
      title={def ? `${def.title} — inside ${props.boxName}` : `Inside ${props.boxName}`}
      description={def ? `${def.id} version ${def.version} · read-only` : undefined}
      onClose={props.onClose}
      footer={
        <>
          <Button onClick={props.onClose}>Close</Button>
          <Button
            variant="primary"
            busy={copying}
            disabled={!def}
            onClick={() => void editCopy()}
            data-testid="assembly-edit-copy"
            title="A new VDC with this interior: change it, then Save as assembly under the same id for the next version"
          >
            Edit a copy
          </Button>
        </>
      }
    >
      {error && <Alert>{error}</Alert>}
      {!def && !error && (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner className="text-indigo-600" /> Loading the interior…
        </p>
      )}
      {def && (
        <div className="space-y-3">
          <div className="h-[46vh] overflow-hidden rounded-lg border border-slate-200 bg-slate-50" data-testid="assembly-interior-canvas">
            <InteriorDrawing def={def} catalog={catalog} />
          </div>
          {def.description && <p className="text-xs text-slate-600">{def.description}</p>}
          <div className="grid grid-cols-2 gap-4 text-xs">
            <div>
              <h3 className="font-semibold text-slate-700">Terminals</h3>
              <ul className="mt-1 space-y-0.5 font-mono text-slate-600">
                {def.terminals.map((t) => (
                  <li key={t.name}>
                    {t.name} → {t.endpoint}
                  </li>
                ))}
                {def.terminals.length === 0 && <li className="font-sans text-slate-500">none</li>}
              </ul>
            </div>
            <div>
              <h3 className="font-semibold text-slate-700">Exposed properties</h3>
              <ul className="mt-1 space-y-0.5 font-mono text-slate-600">
                {def.properties.map((p) => (
                  <li key={p.name}>
                    {p.name} → {p.target}
                  </li>
                ))}
                {def.properties.length === 0 && <li className="font-sans text-slate-500">none</li>}
              </ul>
            </div>
          </div>
        </div>
      )}
    </Dialog>
  );
}
