'use client';
// The inspector's part for a box of an assembly: which assembly and version it is (with an
// upgrade when a newer one exists, which only changes the class ref), who owns it, a way in,
// and the live state of the appliances it became at deploy.
import type { Appliance, AssemblyDefinition } from '@colo/manifest';
import { NodeStateBadge, type NodeLive } from '@/components/deploy';
import { Button } from '@/components/ui/button';
import type { BoxMember } from '../canvas/box-live';
import type { UserAssembly } from '../editor-api';
import { Section } from './fields';

export function AssemblyBoxSection(props: {
  appliance: Appliance;
  definition: AssemblyDefinition;
  view?: UserAssembly;
  live?: NodeLive;
  members: BoxMember[];
  onUpgrade: (version: number) => void;
  onOpen: () => void;
}) {
  const { definition, view, live, members } = props;
  const newest = view?.version ?? definition.version;
  const owner = view ? (view.mine ? 'you' : view.owner.name || view.owner.email) : 'another user';
  return (
    <Section title="Assembly" aside={<span className="rounded-full bg-indigo-50 px-2 text-[10px] font-semibold text-indigo-700">box</span>}>
      <div className="space-y-1 text-sm" data-testid="inspector-assembly">
        <p className="font-medium text-slate-900">{definition.title}</p>
        <p className="text-xs text-slate-600">
          <span className="font-mono">{definition.id}</span> · version <span data-testid="inspector-assembly-version">{definition.version}</span> · by {owner}
        </p>
        <p className="text-xs text-slate-500">
          {definition.appliances.length} appliance{definition.appliances.length === 1 ? '' : 's'} inside; deployed as{' '}
          <span className="font-mono">{props.appliance.name}-…</span>
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={props.onOpen} data-testid="inspector-open-assembly">
          Open
        </Button>
        {newest > definition.version && (
          <Button size="sm" variant="primary" onClick={() => props.onUpgrade(newest)} data-testid="inspector-upgrade-assembly" title="Changes the class to the newest version; nothing else changes until you save and deploy">
            Upgrade to v{newest}
          </Button>
        )}
      </div>
      {live && (
        <div className="space-y-1.5" data-testid="inspector-assembly-status">
          <div className="flex items-center gap-2 text-xs text-slate-600">
            <NodeStateBadge state={live.state} running={live.running} desired={live.desired} reason={live.reason} />
            {live.state === 'unhealthy' ? 'degraded' : ''}
            <span className="ml-auto tabular-nums">
              {members.filter((m) => m.live.state === 'healthy').length}/{members.length} healthy
            </span>
          </div>
          <ul className="space-y-0.5">
            {members.map((m) => (
              <li key={m.name} className="flex items-center justify-between font-mono text-[11px] text-slate-600">
                {m.name}
                <NodeStateBadge state={m.live.state} running={m.live.running} desired={m.live.desired} reason={m.live.reason} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
