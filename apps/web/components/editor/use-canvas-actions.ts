'use client';
// What the palette, the toolbar, the keyboard and the problems panel do to the drawing, each a
// @colo/canvas command plus the view change that makes its result visible.
import {
  addAppliance,
  autoLayout,
  connectionFromId,
  copyFragment,
  type Fragment,
  fragmentFromManifest,
  freeSpot,
  insertFragment,
  issueTarget,
  moveAppliances,
  nodeGeometry,
  removeItems,
} from '@colo/canvas';
import type { Catalog, Issue, Position } from '@colo/manifest';
import { useReactFlow } from '@xyflow/react';
import { type RefObject, useCallback, useState } from 'react';
import { fitPadding } from './canvas/fit';
import type { DroppedItem } from './canvas/flow-canvas';
import { useChromeNow } from './canvas/use-canvas-chrome';
import type { Assembly, UserAssembly } from './editor-api';
import { type EditorStore, NO_SELECTION } from './use-editor-store';

// Module-wide, so a copy in one VDC can be pasted into another without leaving the app.
let clipboard: { fragment: Fragment; pastes: number } | undefined;

const PASTE_STEP = 40;

export function useCanvasActions(opts: {
  store: EditorStore;
  catalog: Catalog;
  assemblies: Assembly[];
  userAssemblies: UserAssembly[];
  canvasBox: RefObject<HTMLDivElement | null>;
  notify: (message: string) => void;
}) {
  const { store, catalog, assemblies, userAssemblies, canvasBox, notify } = opts;
  const { run, commit, current, select } = store;
  const flow = useReactFlow();
  const [layingOut, setLayingOut] = useState(false);
  // What covers the canvas depends on its size (a small one has a small minimap or none).
  const chromeNow = useChromeNow();
  // Framing after an add is instant: boxes that glide after they appear are hard to hit.
  const fitOptions = useCallback((animate: boolean) => ({ padding: fitPadding(chromeNow().inset), maxZoom: 1, duration: animate ? 250 : undefined }), [chromeNow]);

  /** The part of the canvas no overlay covers, in drawing coordinates. */
  const clearArea = useCallback(() => {
    const rect = canvasBox.current?.getBoundingClientRect();
    if (!rect) return { x: 0, y: 0, width: 800, height: 400 };
    const inset = chromeNow().inset;
    const topLeft = flow.screenToFlowPosition({ x: rect.left + inset.left, y: rect.top + inset.top });
    const bottomRight = flow.screenToFlowPosition({ x: rect.right - inset.right, y: rect.bottom - inset.bottom });
    return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
  }, [canvasBox, flow, chromeNow]);

  const reveal = useCallback(
    (names?: string[], animate = true) => {
      requestAnimationFrame(() => flow.fitView({ ...fitOptions(animate), nodes: names?.map((id) => ({ id })) }));
    },
    [flow, fitOptions],
  );

  const addClass = useCallback(
    (classId: string, at?: Position) => {
      const area = clearArea();
      const size = nodeGeometry(catalog.get(classId));
      const columns = Math.max(1, Math.floor(area.width / (size.width + 40)));
      const doc = current().history.present;
      // A drop keeps its point unless it would cover a box; a click fills the clear area.
      const spot = at ? freeSpot(doc, catalog, classId, at, 4, 0) : freeSpot(doc, catalog, classId, { x: area.x, y: area.y }, columns);
      const result = run((doc) => addAppliance(doc, catalog, classId, spot));
      if (!result.ok) return notify(result.reason);
      select({ nodes: [result.name], edges: [] });
      // A clicked-in box that found room only past the clear area: frame the drawing. A drop stays
      // where the user put it, and so does the view.
      const inside =
        spot.x >= area.x && spot.y >= area.y && spot.x + size.width <= area.x + area.width && spot.y + size.height <= area.y + area.height;
      if (!at && !inside) reveal(undefined, false);
    },
    [run, select, catalog, current, clearArea, reveal, notify],
  );

  const addAssembly = useCallback(
    (id: string, at?: Position) => {
      const assembly = assemblies.find((a) => a.id === id);
      if (!assembly) return notify(`the catalog has no assembly "${id}"`);
      const area = clearArea();
      const wasEmpty = current().history.present.manifest.appliances.length === 0;
      const place = at ?? { x: area.x, y: area.y };
      const result = run((doc) => insertFragment(doc, fragmentFromManifest(assembly.manifest), { at: place }));
      if (!result.ok) return notify(result.reason);
      select({ nodes: result.names, edges: [] });
      if (!at || wasEmpty) reveal(wasEmpty ? undefined : result.names, false);
    },
    [assemblies, run, select, current, clearArea, reveal, notify],
  );

  // A user's assembly is one box, pinned to the newest version: the drawing keeps meaning what
  // was placed even after its owner saves another version ("Upgrade" in the inspector moves it).
  const addBox = useCallback(
    (id: string, at?: Position) => {
      const assembly = userAssemblies.find((a) => a.id === id);
      if (!assembly) return notify(`you have no assembly "${id}"`);
      addClass(`${assembly.id}@${assembly.version}`, at);
    },
    [userAssemblies, addClass, notify],
  );

  const onDropItem = useCallback(
    (item: DroppedItem, at: Position) =>
      item.kind === 'class' ? addClass(item.id, at) : item.kind === 'box' ? addBox(item.id, at) : addAssembly(item.id, at),
    [addClass, addAssembly, addBox],
  );

  const copy = useCallback(() => {
    const { selection, history } = current();
    if (selection.nodes.length === 0) return false;
    clipboard = { fragment: copyFragment(history.present, selection.nodes), pastes: 0 };
    return true;
  }, [current]);

  const deleteSelection = useCallback(() => {
    const { selection } = current();
    const connections = selection.edges.flatMap((id) => connectionFromId(id) ?? []);
    run((doc) => removeItems(doc, { appliances: selection.nodes, connections }), { select: NO_SELECTION });
  }, [current, run]);

  const paste = useCallback(
    (fragment = clipboard?.fragment) => {
      if (!fragment) return;
      const step = fragment === clipboard?.fragment ? ++clipboard.pastes : 1;
      const result = run((doc) => insertFragment(doc, fragment, { offset: { x: PASTE_STEP * step, y: PASTE_STEP * step } }));
      if (!result.ok) return;
      // The copies are what the user acts on next (move them, paste again): they alone are selected.
      select({ nodes: result.names, edges: [] });
      // Copies that landed past the clear area (many pastes, a copy from a far part): bring them into view.
      const area = clearArea();
      const doc = current().history.present;
      const hidden = result.names.some((name) => {
        const at = doc.positions[name];
        const size = nodeGeometry(catalog.get(doc.manifest.appliances.find((a) => a.name === name)?.class ?? ''));
        return !at || at.x < area.x || at.y < area.y || at.x + size.width > area.x + area.width || at.y + size.height > area.y + area.height;
      });
      if (hidden) reveal(result.names, false);
    },
    [run, select, clearArea, current, catalog, reveal],
  );

  const duplicate = useCallback(() => {
    const { selection, history } = current();
    if (selection.nodes.length > 0) paste(copyFragment(history.present, selection.nodes));
  }, [current, paste]);

  const layout = useCallback(async () => {
    setLayingOut(true);
    try {
      const positions = await autoLayout(current().history.present, catalog);
      commit(moveAppliances(current().history.present, positions));
      reveal();
    } catch (err) {
      notify(`Auto-layout failed: ${(err as Error).message}`);
    } finally {
      setLayingOut(false);
    }
  }, [current, commit, catalog, reveal, notify]);

  const focusIssue = useCallback(
    (issue: Issue) => {
      const doc = current().history.present;
      const target = issueTarget(issue, doc);
      if (!target) return;
      if (target.kind === 'appliance') {
        select({ nodes: [target.name], edges: [] });
        reveal([target.name]);
        return;
      }
      select({ nodes: [], edges: [target.id] });
      const wire = connectionFromId(target.id);
      if (wire) reveal([wire.from.split('.')[0], wire.to.split('.')[0]]);
    },
    [current, select, reveal],
  );

  return {
    layingOut,
    addClass,
    addAssembly,
    addBox,
    onDropItem,
    copy,
    cut: () => copy() && deleteSelection(),
    paste: () => paste(),
    duplicate,
    deleteSelection,
    selectAll: () => select({ nodes: current().history.present.manifest.appliances.map((a) => a.name), edges: [] }),
    clearSelection: () => select(NO_SELECTION),
    fitView: () => flow.fitView(fitOptions(true)),
    layout,
    focusIssue,
  };
}
