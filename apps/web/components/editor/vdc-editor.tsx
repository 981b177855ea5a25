'use client';
// The editor page's client root: loads the catalog and the VDC, says so while it does (or why
// it cannot), then hands a ready document to the workspace.
import '@xyflow/react/dist/style.css';
import './editor.css';
import { ReactFlowProvider } from '@xyflow/react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { VdcNotFound } from '@/components/vdc-list/vdc-not-found';
import { Spinner } from '@/components/ui/spinner';
import { EditorWorkspace } from './editor-workspace';
import { useEditorBootstrap } from './use-editor-bootstrap';
import { useInitialDoc } from './use-initial-doc';

function Centered({ children }: { children: React.ReactNode }) {
  return <div className="grid h-[calc(100dvh-57px)] place-items-center bg-slate-50 p-6">{children}</div>;
}

export function VdcEditor({ name }: { name: string }) {
  const { state, retry } = useEditorBootstrap(name);
  const ready = state.status === 'ready' ? state : undefined;
  const doc = useInitialDoc(ready?.vdc.revision.manifest, ready?.catalog);

  if (state.status === 'missing') {
    return (
      <Centered>
        <VdcNotFound name={name} />
      </Centered>
    );
  }
  if (state.status === 'failed') {
    return (
      <Centered>
        <div className="w-full max-w-md space-y-3">
          <Alert title={`Could not open ${name}`}>{state.message}</Alert>
          <Button onClick={retry}>Try again</Button>
        </div>
      </Centered>
    );
  }
  if (!ready || !doc) {
    return (
      <Centered>
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner className="text-indigo-600" /> Opening <span className="font-mono">{name}</span>…
        </p>
      </Centered>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorWorkspace
        key={ready.vdc.revision.id}
        vdcName={name}
        catalog={ready.catalog}
        catalogBody={ready.catalogBody}
        assemblies={ready.assemblies}
        initialDoc={doc}
        revision={ready.vdc.revision.number}
        readOnly={ready.vdc.vdc.team?.role === 'viewer' ? `viewers cannot change ${name}: ask an admin of team ${ready.vdc.vdc.team.slug} for the operator role` : undefined}
      />
    </ReactFlowProvider>
  );
}
