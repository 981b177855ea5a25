'use client';
// The bar above the canvas: where you are, whether it is saved, history and view tools, and the
// lifecycle actions (save, deploy, stop/start/destroy; on a swarm, move to another node).
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DeployButton, LifecycleMenu } from '@/components/deploy';
import { RenameVdcButton } from './rename-vdc-button';
import { SaveButton } from './save/save-button';
import { VdcMoveButton } from './vdc-move-button';

/** A link from the editor to one of the VDC's own pages (history, logs, alerts, metrics, activity). */
function VdcPageLink(props: { href: string; title: string; label: string; testId: string; paths: string[] }) {
  // Below 1280 px only the icon shows (the title says the rest), so Save and Deploy stay on screen.
  return (
    <Link
      href={props.href}
      className="flex shrink-0 items-center gap-1 rounded-md px-1.5 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      title={props.title}
      aria-label={props.label}
      data-testid={props.testId}
    >
      <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
        {props.paths.map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
      <span className="hidden xl:inline">{props.label}</span>
    </Link>
  );
}

function ToolButton(props: { label: string; shortcut?: string; disabled?: boolean; busy?: boolean; onClick: () => void; children: ReactNode; testId?: string }) {
  return (
    <button
      type="button"
      onClick={props.onClick}
      disabled={props.disabled || props.busy}
      aria-label={props.label}
      title={props.shortcut ? `${props.label} (${props.shortcut})` : props.label}
      data-testid={props.testId}
      className="grid size-8 place-items-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-300 disabled:hover:bg-transparent"
    >
      <svg viewBox="0 0 24 24" className={`size-[18px] ${props.busy ? 'animate-pulse' : ''}`} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
        {props.children}
      </svg>
    </button>
  );
}

const Divider = () => <span aria-hidden className="mx-1 h-5 w-px bg-slate-200" />;

export interface EditorToolbarProps {
  vdcName: string;
  revision: number;
  dirty: boolean;
  saving: boolean;
  canUndo: boolean;
  canRedo: boolean;
  layingOut: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onFit: () => void;
  onHelp: () => void;
  onSave: () => void;
  /** The YAML tab's text is refused: said instead of the saved state (it is not on the canvas). */
  textProblem?: string;
  /** "Save as assembly" of the selected appliances (none selected: disabled). */
  canSaveAssembly: boolean;
  onSaveAssembly: () => void;
  beforeDeploy: () => Promise<boolean>;
  /** Why Deploy is disabled (Problems has errors), shown on hover. */
  deployBlocked?: string;
  /** Set for a viewer: Save, Deploy, Stop and Destroy are shown disabled, with this as the reason. */
  readOnly?: string;
}

/** The lifecycle actions as a viewer sees them: there, but disabled, saying why. */
function ViewerActions({ reason }: { reason: string }) {
  const cls = 'h-9 rounded-md border border-slate-200 bg-slate-50 px-3 text-sm font-medium text-slate-500 cursor-not-allowed';
  const actions: [string, string][] = [
    ['Stop', 'stop'],
    ['Destroy', 'destroy'],
    ['Save', 'save'],
    ['Deploy', 'deploy'],
  ];
  return (
    <>
      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-[11px] font-medium text-slate-600" title={reason} data-testid="read-only-badge">
        Read only
      </span>
      {actions.map(([label, verb]) => (
        // A disabled button fires no events, so the tooltip sits on a wrapper.
        <span key={verb} title={`viewers cannot ${verb}: ${reason}`} data-testid={`viewer-${verb}`}>
          <button type="button" disabled className={cls} data-testid={`${verb}-button-disabled`}>
            {label}
          </button>
        </span>
      ))}
    </>
  );
}

export function EditorToolbar(p: EditorToolbarProps) {
  const saveWords = p.saving ? 'Saving…' : (p.textProblem ?? (p.dirty ? 'Unsaved changes' : 'All changes saved'));
  return (
    <div className="flex h-12 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 xl:gap-3">
      <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-1.5 text-sm">
        {/* Below 1280 px the top bar's VDCs link stands for the crumb, so the name keeps its room. */}
        <Link href="/vdcs" className="hidden text-slate-500 hover:text-slate-800 xl:inline">
          VDCs
        </Link>
        <span className="hidden text-slate-300 xl:inline">/</span>
        <h1 className="truncate font-mono font-semibold text-slate-900">{p.vdcName}</h1>
        <RenameVdcButton vdcName={p.vdcName} dirty={p.dirty} readOnly={p.readOnly} />
      </nav>
      <span className="shrink-0 whitespace-nowrap rounded-full bg-slate-100 px-2 py-0.5 text-[11px] font-medium tabular-nums text-slate-600" title="The revision this drawing is based on">
        rev {p.revision}
      </span>
      <span
        className={`shrink-0 whitespace-nowrap text-xs ${p.textProblem ? 'font-medium text-rose-700' : p.dirty ? 'text-amber-700' : 'text-slate-500'}`}
        data-testid="save-state"
        title={p.textProblem ? 'The YAML tab has text that does not read as this VDC: fix it, or replace it with the canvas' : saveWords}
      >
        {/* Below 1280 px a dot in the state's colour stands for the words (kept for screen readers). */}
        <span aria-hidden className="inline-block size-2 rounded-full bg-current xl:hidden" />
        <span className="sr-only xl:not-sr-only">{saveWords}</span>
      </span>
      <VdcPageLink href={`/vdcs/${encodeURIComponent(p.vdcName)}/history`} title="Revisions, snapshots and operations of this VDC" testId="history-link" label="History" paths={["M3 12a9 9 0 1 0 3-6.7L3 8", "M3 3v5h5M12 7v5l3 2"]} />
      <VdcPageLink href={`/vdcs/${encodeURIComponent(p.vdcName)}/logs`} title="Search, follow and download the logs of every replica of this VDC" testId="logs-link" label="Logs" paths={["M4 6h16M4 12h10M4 18h13"]} />
      <VdcPageLink href={`/vdcs/${encodeURIComponent(p.vdcName)}/alerts`} title="Alert rules of this VDC: what is watched and where alerts are sent" testId="alerts-link" label="Alerts" paths={["M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9", "M10.3 21a1.94 1.94 0 0 0 3.4 0"]} />
      <VdcPageLink href={`/vdcs/${encodeURIComponent(p.vdcName)}/metrics`} title="CPU, memory, network and block I/O of this VDC's appliances" testId="metrics-link" label="Metrics" paths={["M3 3v18h18", "m7 14 4-4 3 3 5-6"]} />
      <VdcPageLink href={`/audit?vdc=${encodeURIComponent(p.vdcName)}&since=`} title="Who changed this VDC, and what Colo did to it: the audit log of this VDC" testId="activity-link" label="Activity" paths={["M3 12h4l3-8 4 16 3-8h4"]} />
      <a
        href={`/api/v1/vdcs/${encodeURIComponent(p.vdcName)}/bundle`}
        download={`${p.vdcName}.colo.yaml`}
        className="flex shrink-0 items-center gap-1 rounded-md px-1.5 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        title="Download this VDC (its deployed revision, else the latest) as a portable .colo.yaml bundle"
        aria-label="Export"
        data-testid="export-bundle-link"
      >
        <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
          <path d="M12 3v12M7 10l5 5 5-5M5 21h14" />
        </svg>
        <span className="hidden xl:inline">Export</span>
      </a>

      <div className="ml-auto flex items-center">
        <ToolButton label="Undo" shortcut="Ctrl+Z" disabled={!p.canUndo} onClick={p.onUndo} testId="undo-button">
          <path d="M9 14 4 9l5-5" />
          <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
        </ToolButton>
        <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" disabled={!p.canRedo} onClick={p.onRedo} testId="redo-button">
          <path d="m15 14 5-5-5-5" />
          <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
        </ToolButton>
        <Divider />
        <ToolButton label="Save the selection as an assembly" shortcut="Ctrl+G" disabled={!p.canSaveAssembly} onClick={p.onSaveAssembly} testId="save-assembly-button">
          <rect x="3" y="13" width="8" height="7" rx="1" />
          <rect x="13" y="13" width="8" height="7" rx="1" />
          <rect x="8" y="4" width="8" height="7" rx="1" />
        </ToolButton>
        <ToolButton label="Auto-layout" shortcut="Shift+L" busy={p.layingOut} onClick={p.onLayout} testId="layout-button">
          <rect x="3" y="4" width="6" height="5" rx="1" />
          <rect x="15" y="4" width="6" height="5" rx="1" />
          <rect x="15" y="15" width="6" height="5" rx="1" />
          <path d="M9 6.5h6M12 6.5v11h3" />
        </ToolButton>
        <ToolButton label="Fit view" shortcut="Shift+F" onClick={p.onFit} testId="fit-button">
          <path d="M4 9V5a1 1 0 0 1 1-1h4M15 4h4a1 1 0 0 1 1 1v4M20 15v4a1 1 0 0 1-1 1h-4M9 20H5a1 1 0 0 1-1-1v-4" />
        </ToolButton>
        <ToolButton label="Keyboard shortcuts" shortcut="?" onClick={p.onHelp} testId="shortcuts-button">
          <rect x="2.5" y="6" width="19" height="12" rx="2" />
          <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M8 14h8" />
        </ToolButton>
      </div>

      <div className="flex shrink-0 items-center gap-2 border-l border-slate-200 pl-3">
        {p.readOnly ? (
          <>
            <VdcMoveButton vdcName={p.vdcName} readOnly={p.readOnly} />
            <ViewerActions reason={p.readOnly} />
          </>
        ) : (
          <>
            <VdcMoveButton vdcName={p.vdcName} />
            <LifecycleMenu vdcName={p.vdcName} />
            <SaveButton dirty={p.dirty} saving={p.saving} onSave={p.onSave} />
            <DeployButton vdcName={p.vdcName} beforeDeploy={p.beforeDeploy} blockedBy={p.deployBlocked} />
          </>
        )}
      </div>
    </div>
  );
}
