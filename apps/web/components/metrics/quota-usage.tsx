// The VDC list's strip of usage against the user's quota: for CPU and memory, what the VDCs'
// latest revisions reserve (what the quota counts) and what their replicas use now (the newest
// metrics samples), against the limit; containers reserved against theirs.
import { formatMetric } from './metric-series';

export interface QuotaUsageProps {
  limits: { cpu: number; memory: number; containers: number };
  reserved: { cpu: number; memory: number; containers: number };
  now: { cpu: number; memory: number; replicas: number };
}

function share(value: number, limit: number): number {
  return limit > 0 ? Math.min(1, Math.max(0, value / limit)) : 0;
}

function Meter({ label, testId, reserved, now, limit, text }: { label: string; testId: string; reserved: number; now?: number; limit: number; text: string }) {
  return (
    <div className="min-w-48 flex-1" data-testid={testId} data-reserved={reserved} data-now={now} data-limit={limit}>
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="font-medium text-slate-700">{label}</span>
        <span className="tabular-nums text-slate-500">{text}</span>
      </div>
      <div className="relative mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100" title={text}>
        <div className="absolute inset-y-0 left-0 bg-indigo-200" style={{ width: `${share(reserved, limit) * 100}%` }} />
        {now !== undefined && <div className="absolute inset-y-0 left-0 bg-indigo-600" style={{ width: `${share(now, limit) * 100}%` }} />}
      </div>
    </div>
  );
}

export function QuotaUsage({ limits, reserved, now }: QuotaUsageProps) {
  const cores = (v: number) => `${Math.round(v * 100) / 100}`;
  return (
    <section className="mx-auto flex w-full max-w-6xl flex-wrap gap-6 px-6 pt-6" aria-label="Usage against your quota" data-testid="quota-usage">
      <Meter
        label="CPU"
        testId="quota-cpu"
        reserved={reserved.cpu}
        now={now.cpu}
        limit={limits.cpu}
        text={`${cores(now.cpu)} in use · ${cores(reserved.cpu)} reserved of ${cores(limits.cpu)} cores`}
      />
      <Meter
        label="Memory"
        testId="quota-memory"
        reserved={reserved.memory}
        now={now.memory}
        limit={limits.memory}
        text={`${formatMetric('memory', now.memory)} in use · ${formatMetric('memory', reserved.memory)} reserved of ${formatMetric('memory', limits.memory)}`}
      />
      <Meter
        label="Containers"
        testId="quota-containers"
        reserved={reserved.containers}
        now={now.replicas}
        limit={limits.containers}
        text={`${now.replicas} running · ${reserved.containers} reserved of ${limits.containers}`}
      />
    </section>
  );
}
