// The canvas box's small gauge: two thin bars under the header, CPU (against the appliance's
// cores × running replicas) and memory (against its limits), from the newest metrics sample.
import { NODE_HEADER } from '@colo/canvas';
import type { NodeUsage } from '../deploy/types';
import { formatMetric } from './metric-series';
import { usageShares } from './node-usage';

function barColor(share: number): string {
  if (share >= 0.9) return 'bg-rose-500';
  if (share >= 0.7) return 'bg-amber-500';
  return 'bg-emerald-500';
}

export function UsageGauge({ name, usage, coresPerReplica, running }: { name: string; usage: NodeUsage; coresPerReplica: number; running: number }) {
  const shares = usageShares(usage, coresPerReplica, running);
  const cores = coresPerReplica * Math.max(1, running);
  const title = `CPU ${formatMetric('cpu', usage.cpu * 100)} of one core (${Math.round(shares.cpu * 100)}% of ${cores} cores) · memory ${formatMetric('memory', usage.memoryUsed)} of ${formatMetric('memory', usage.memoryLimit)}`;
  return (
    <div
      className="absolute inset-x-3 flex gap-1.5"
      style={{ top: NODE_HEADER - 7 }}
      title={title}
      data-testid={`node-usage-${name}`}
      data-cpu={usage.cpu}
      data-memory={usage.memoryUsed}
    >
      {(['cpu', 'memory'] as const).map((key) => (
        // A drawn bar: <meter> cannot be coloured by share the same way in every browser.
        <div key={key} className="h-1 flex-1 overflow-hidden rounded-full bg-slate-100" data-gauge={key}>
          <div className={`h-full ${barColor(shares[key])}`} style={{ width: `${Math.max(2, shares[key] * 100)}%` }} />
        </div>
      ))}
    </div>
  );
}
