'use client';
// The editor, assembled: toolbar, palette | canvas + bottom panel | inspector, and the save and
// draft machinery around them. Each part is its own component or hook; this file wires them.
import { manifestToDoc, replaceWithBox, validateDoc, type EditorDoc } from '@colo/canvas';
import type { Catalog, Issue } from '@colo/manifest';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { CanvasBundleDrop } from '@/components/bundle-import/canvas-bundle-drop';
import { type OperationBody, OperationsPanel, useVdcLive } from '@/components/deploy';
import { AssemblyInteriorDialog } from './assembly/assembly-interior-dialog';
import { SaveAssemblyDialog, type SaveAssemblyRequest } from './assembly/save-assembly-dialog';
import { boxMembers, withBoxLive } from './canvas/box-live';
import { LostDataBanner } from './canvas/lost-data-banner';
import { StoppedBanner } from './canvas/stopped-banner';
import { SidePanelFrame } from './layout/side-panel-frame';
import { useSidePanels } from './layout/use-side-panels';
import { useSteadyCanvas } from './layout/use-steady-canvas';
import { useLostData } from './use-lost-data';
import { replicaNodesOf } from './replica-nodes';
import { CanvasNotice } from './canvas/canvas-notice';
import { EmptyCanvas } from './canvas/empty-canvas';
import { FlowCanvas } from './canvas/flow-canvas';
import { type Assembly, type CatalogBody, postAssembly } from './editor-api';
import { EditorToolbar } from './editor-toolbar';
import { Inspector } from './inspector/inspector';
import { Palette } from './palette/palette';
import { type BottomTab, BottomPanel } from './panels/bottom-panel';
import { ProblemsPanel } from './panels/problems-panel';
import { serverOnly, useServerCheck } from './panels/use-server-check';
import { NodeProblemsContext, nodeProblems } from './canvas/node-problems';
import { useYamlDraft } from './panels/use-yaml-draft';
import { YamlPanel } from './panels/yaml-panel';
import { yamlHeaderState, yamlProblemAt, yamlSaveRefusal } from './yaml/yaml-problems';
import { DraftBanner } from './save/draft-banner';
import { clearDrafts, findDraft, type StoredDraft } from './save/local-draft';
import { SaveFailureBar } from './save/save-failure-bar';
import { StaleSaveDialog } from './save/stale-save-dialog';
import { useLocalDraft } from './save/use-local-draft';
import { useSave } from './save/use-save';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useCanvasActions } from './use-canvas-actions';
import { useEditorCatalog } from './use-editor-catalog';
import { manifestKey, useEditorStore } from './use-editor-store';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useNodeUsage } from '../metrics/use-node-usage';

export interface EditorWorkspaceProps {
  vdcName: string;
  catalog: Catalog;
  catalogBody: CatalogBody;
  assemblies: Assembly[];
  initialDoc: EditorDoc;
  revision: number;
  /** Why this user may only look (a viewer of the VDC's team); the actions are disabled with it. */
  readOnly?: string;
}

function isRunning(op: OperationBody | undefined): boolean {
  return op?.status === 'queued' || op?.status === 'running';
}

/** A stored draft worth offering: one that differs from what was just loaded. */
function draftToOffer(vdcName: string, loaded: EditorDoc): StoredDraft | undefined {
  const draft = findDraft(vdcName);
  if (!draft) return undefined;
  if (manifestKey(manifestToDoc(draft.manifest)) !== manifestKey(loaded)) return draft;
  clearDrafts(vdcName);
  return undefined;
}

export function EditorWorkspace({ vdcName, catalog: initialCatalog, catalogBody, assemblies, initialDoc, revision, readOnly }: EditorWorkspaceProps) {
  const store = useEditorStore(initialDoc, revision);
  // Saving an assembly adds its box to the catalog, so the catalog lives here, refreshable.
  const editorCatalog = useEditorCatalog({ catalog: initialCatalog, body: catalogBody });
  const { catalog, userAssemblies } = editorCatalog;
  const [saveAssemblyOf, setSaveAssemblyOf] = useState<string[] | null>(null);
  const [openBox, setOpenBox] = useState<string | null>(null);
  const canvasBox = useRef<HTMLDivElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clearNotice = useCallback(() => setNotice(null), []);
  const [tab, setTab] = useState<BottomTab>('problems');
  const [panelOpen, setPanelOpen] = useState(true);
  const [helpOpen, setHelpOpen] = useState(false);
  const [offer, setOffer] = useState<StoredDraft | undefined>(() => draftToOffer(vdcName, initialDoc));
  // Palette and inspector fold on a small screen (or when the user folds them), for the canvas.
  const panels = useSidePanels();
  useSteadyCanvas(canvasBox);

  const deferredDoc = useDeferredValue(store.doc);
  const validation = useMemo(() => validateDoc(deferredDoc, catalog), [deferredDoc, catalog]);
  const live = useVdcLive(vdcName);
  // A box shows the state of the appliances it expanded into (status names their box).
  const members = useMemo(() => boxMembers(live.status, live.nodes), [live.status, live.nodes]);
  const replicaNodes = useMemo(() => replicaNodesOf(live.status), [live.status]);
  // On a swarm: where pinned appliances keep their data, and those on a lost node (the banner).
  const lostData = useLostData(vdcName, live.status, `${live.operation?.id ?? ''}:${live.operation?.status ?? ''}`);
  // Each running appliance's CPU and memory now, for the gauges on its box.
  const measuredNodes = useNodeUsage(vdcName, live.nodes);
  const liveNodes = useMemo(() => withBoxLive(measuredNodes, members), [measuredNodes, members]);
  const actions = useCanvasActions({ store, catalog, assemblies, userAssemblies, canvasBox, notify: setNotice });
  const yaml = useYamlDraft(store, vdcName, catalog);
  // The YAML tab's refused text: counted in Problems, said in the header, refused by Save.
  const [yamlRefusal, setYamlRefusal] = useState<string | null>(null);
  const [yamlJump, setYamlJump] = useState<{ line: number; col: number; n: number }>();
  useEffect(() => {
    if (yaml.problems.length === 0) setYamlRefusal(null);
  }, [yaml.problems]);
  const onSaved = useCallback(() => clearDrafts(vdcName), [vdcName]);
  const saver = useSave(store, vdcName, catalog, onSaved);
  useLocalDraft(store, vdcName, offer !== undefined);

  const save = useCallback(async () => {
    const refused = yaml.flush();
    if (refused.length > 0) {
      setYamlRefusal(yamlSaveRefusal(refused));
      setTab('yaml');
      setPanelOpen(true);
      return false;
    }
    const ok = await saver.save();
    if (!ok && validateDoc(store.current().history.present, catalog).errors.length > 0) {
      setTab('problems');
      setPanelOpen(true);
    }
    return ok;
  }, [saver, store, catalog, yaml.flush]);

  // The server's verdict while editing (ports other VDCs hold, quotas, …) and its objections to
  // the last save (while the drawing is still the one it refused) join the problems.
  const serverCheck = useServerCheck(deferredDoc, !readOnly);
  const problems = useMemo(() => {
    const refused = saver.failure?.doc === store.doc ? saver.failure.issues : [];
    const extra = serverOnly([...(serverCheck?.errors ?? []), ...refused], validation.errors, validation.warnings);
    const errors = [...yaml.problems, ...validation.errors, ...new Map(extra.map((i) => [`${i.path}:${i.message}`, i])).values()];
    return { errors, warnings: validation.warnings };
  }, [validation, saver.failure, store.doc, yaml.problems, serverCheck]);
  const problemsByNode = useMemo(() => nodeProblems(problems.errors), [problems.errors]);
  const deployBlocked =
    problems.errors.length === 0
      ? undefined
      : `Fix ${problems.errors.length === 1 ? 'the problem' : `the ${problems.errors.length} problems`} in Problems before deploying`;

  const docIssues = useMemo(() => [...problems.errors, ...problems.warnings], [problems]);
  const pickProblem = useCallback(
    (issue: Issue) => {
      const at = yamlProblemAt(issue);
      if (!at) return actions.focusIssue(issue);
      setTab('yaml');
      setPanelOpen(true);
      setYamlJump({ ...at, n: Date.now() });
    },
    [actions.focusIssue],
  );

  // A tab opened by hand: the cursor stays where it was (a picked problem's place is used once).
  const showTab = useCallback((next: BottomTab) => {
    setTab(next);
    setYamlJump(undefined);
  }, []);

  const saveAsAssembly = useCallback(() => {
    const { nodes } = store.current().selection;
    if (nodes.length === 0) return setNotice('Select the appliances to save as an assembly first');
    setSaveAssemblyOf(nodes);
  }, [store]);

  const onSaveAssembly = useCallback(
    async (request: SaveAssemblyRequest) => {
      const selection = saveAssemblyOf ?? [];
      const saved = await postAssembly(request.draft, request.note);
      setSaveAssemblyOf(null);
      let next = catalog;
      try {
        next = await editorCatalog.refresh();
      } catch (err) {
        setNotice(`Saved, but the catalog could not be reloaded: ${(err as Error).message}`);
      }
      if (!request.replace) return setNotice(`Saved assembly ${saved.id} version ${saved.version}`);
      const swapped = store.run((doc) =>
        replaceWithBox(doc, next, selection, { classRef: `${saved.id}@${saved.version}`, name: saved.id, terminals: request.terminals }),
      );
      if (!swapped.ok) return setNotice(`Saved assembly ${saved.id} version ${saved.version}, but: ${swapped.reason}`);
      store.select({ nodes: [swapped.name], edges: [] });
      const lost = swapped.dropped.map((c) => `${c.from} → ${c.to}`).join(', ');
      setNotice(`Saved assembly ${saved.id} version ${saved.version}${lost ? `; wires with no box terminal were removed: ${lost}` : ''}`);
    },
    [saveAssemblyOf, catalog, editorCatalog, store],
  );

  const openNode = useCallback(
    (name: string) => {
      const appliance = store.current().history.present.manifest.appliances.find((a) => a.name === name);
      if (appliance && catalog.assembly?.(appliance.class)) setOpenBox(name);
    },
    [store, catalog],
  );
  const openBoxClass = openBox ? store.doc.manifest.appliances.find((a) => a.name === openBox)?.class : undefined;

  // Text of the YAML tab's own (applied or refused) is saved, or refuses, before a deploy.
  const beforeDeploy = useCallback(async () => (store.dirty || yaml.draft ? save() : true), [store.dirty, yaml.draft, save]);

  // A deploy (or any operation) starting: show its progress.
  const runningId = isRunning(live.operation) ? live.operation?.id : undefined;
  useEffect(() => {
    if (!runningId) return;
    setTab('operations');
    setPanelOpen(true);
  }, [runningId]);

  useEditorShortcuts({
    undo: store.undo,
    redo: store.redo,
    copy: actions.copy,
    // A viewer's keys change nothing: cut, paste, duplicate, save and auto-layout do nothing.
    cut: readOnly ? () => undefined : actions.cut,
    paste: readOnly ? () => undefined : actions.paste,
    duplicate: readOnly ? () => undefined : actions.duplicate,
    selectAll: actions.selectAll,
    clearSelection: actions.clearSelection,
    save: () => (readOnly ? undefined : void save()),
    fitView: actions.fitView,
    autoLayout: () => (readOnly ? undefined : void actions.layout()),
    help: () => setHelpOpen(true),
    saveAsAssembly,
    // A viewer has no palette to unfold.
    togglePalette: () => (readOnly ? undefined : panels.toggle('palette')),
    toggleInspector: () => panels.toggle('inspector'),
  });

  const restoreDraft = () => {
    if (!offer) return;
    store.rebase(manifestToDoc(offer.manifest), offer.baseRevision, store.state.savedKey);
    setOffer(undefined);
  };
  const lamp = assemblies.find((a) => a.id === 'lamp-cluster') ?? assemblies[0];

  return (
    <div className="flex h-[calc(100dvh-57px)] min-h-[560px] flex-col bg-slate-100">
      <EditorToolbar
        vdcName={vdcName}
        revision={store.state.baseRevision}
        dirty={store.dirty}
        saving={saver.saving}
        canUndo={store.canUndo}
        canRedo={store.canRedo}
        layingOut={actions.layingOut}
        onUndo={store.undo}
        onRedo={store.redo}
        onLayout={() => void actions.layout()}
        onFit={actions.fitView}
        onHelp={() => setHelpOpen(true)}
        onSave={() => void save()}
        textProblem={yaml.problems.length > 0 ? yamlHeaderState(yaml.problems.length) : undefined}
        canSaveAssembly={store.state.selection.nodes.length > 0}
        onSaveAssembly={saveAsAssembly}
        beforeDeploy={beforeDeploy}
        deployBlocked={deployBlocked}
        readOnly={readOnly}
      />
      {offer && (
        <DraftBanner
          draft={offer}
          latestRevision={revision}
          onRestore={restoreDraft}
          onDiscard={() => {
            clearDrafts(vdcName);
            setOffer(undefined);
          }}
        />
      )}
      {yamlRefusal && <SaveFailureBar failure={{ message: yamlRefusal, issues: [], doc: store.doc }} onDismiss={() => setYamlRefusal(null)} />}
      {saver.failure && <SaveFailureBar failure={saver.failure} onDismiss={saver.dismissFailure} />}
      <div className="flex min-h-0 flex-1">
        {/* A viewer adds nothing: no palette to add from. */}
        {!readOnly && (
          <SidePanelFrame id="palette" label="Palette" side="left" shortcut="Shift+P" open={panels.palette} onToggle={() => panels.toggle('palette')}>
            <Palette
              catalog={catalog}
              assemblies={assemblies}
              userAssemblies={userAssemblies}
              onAddClass={(id) => actions.addClass(id)}
              onAddAssembly={(id) => actions.addAssembly(id)}
              onAddBox={(id) => actions.addBox(id)}
            />
          </SidePanelFrame>
        )}
        <div className="flex min-w-0 flex-1 flex-col">
          <LostDataBanner vdcName={vdcName} lost={lostData.lost} error={lostData.error} operation={live.operation} readOnly={readOnly} />
          <StoppedBanner vdcName={vdcName} status={live.status} operation={live.operation} readOnly={readOnly} />
          <div ref={canvasBox} className="relative min-h-0 flex-1 bg-slate-50">
            <NodeProblemsContext.Provider value={problemsByNode}>
              <FlowCanvas store={store} catalog={catalog} live={liveNodes} onDropItem={actions.onDropItem} onNotice={setNotice} onOpenNode={openNode} readOnly={Boolean(readOnly)} />
            </NodeProblemsContext.Provider>
            {store.doc.manifest.appliances.length === 0 && (
              <EmptyCanvas starter={lamp && { title: lamp.title }} onStart={() => lamp && actions.addAssembly(lamp.id)} />
            )}
            <CanvasNotice message={notice} onDone={clearNotice} />
            <CanvasBundleDrop target={canvasBox} />
          </div>
          <BottomPanel
            tab={tab}
            open={panelOpen}
            errors={problems.errors.length}
            warnings={problems.warnings.length}
            operationRunning={runningId !== undefined}
            onTab={showTab}
            onToggle={() => setPanelOpen((o) => !o)}
          >
            {tab === 'problems' && <ProblemsPanel errors={problems.errors} warnings={problems.warnings} onPick={pickProblem} />}
            {tab === 'yaml' && (
              <YamlPanel
                doc={store.doc}
                draft={yaml.draft}
                catalog={catalog}
                issues={docIssues}
                jumpTo={yamlJump}
                onChange={yaml.change}
                onFocus={yaml.focus}
                onBlur={yaml.blur}
                onDiscard={yaml.discard}
                readOnly={Boolean(readOnly)}
              />
            )}
            {tab === 'operations' && (
              <div className="h-full overflow-y-auto">
                <OperationsPanel vdcName={vdcName} />
              </div>
            )}
          </BottomPanel>
        </div>
        <SidePanelFrame
          id="inspector"
          label="Inspector"
          side="right"
          shortcut="Shift+I"
          open={panels.inspector}
          onToggle={() => panels.toggle('inspector')}
          hint={store.state.selection.nodes.length === 1 ? store.state.selection.nodes[0] : undefined}
        >
          <Inspector
            store={store}
            catalog={catalog}
            readOnly={readOnly}
            issues={[...problems.errors, ...problems.warnings]}
            onDeleteSelection={actions.deleteSelection}
            onCopySelection={actions.copy}
            onSaveAsAssembly={saveAsAssembly}
            boxes={{ userAssemblies, live: liveNodes, members, onOpen: setOpenBox }}
            replicaNodes={replicaNodes}
            dataNodes={{ vdcName, nodes: lostData.dataNodes, busy: runningId !== undefined }}
          />
        </SidePanelFrame>
      </div>
      <StaleSaveDialog
        vdcName={vdcName}
        conflict={saver.conflict}
        onReloadTheirs={saver.reloadTheirs}
        onOverwrite={saver.overwrite}
        onClose={saver.dismissConflict}
      />
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      {saveAssemblyOf && (
        <SaveAssemblyDialog
          doc={store.doc}
          selection={saveAssemblyOf}
          catalog={catalog}
          vdcName={vdcName}
          stockIds={assemblies.map((a) => a.id)}
          userAssemblies={userAssemblies}
          onSave={onSaveAssembly}
          onClose={() => setSaveAssemblyOf(null)}
        />
      )}
      {openBox && openBoxClass && (
        <AssemblyInteriorDialog boxName={openBox} classRef={openBoxClass} catalog={catalog} onClose={() => setOpenBox(null)} />
      )}
    </div>
  );
}
