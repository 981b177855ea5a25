// How VDC states and operation statuses read in the list.
import { Badge, type BadgeTone } from '../ui/badge';

const VDC_STATES: Record<string, { label: string; tone: BadgeTone }> = {
  new: { label: 'Not deployed', tone: 'gray' },
  running: { label: 'Running', tone: 'green' },
  stopped: { label: 'Stopped', tone: 'amber' },
  failed: { label: 'Failed', tone: 'red' },
  destroyed: { label: 'Destroyed', tone: 'gray' },
};

export function VdcStateBadge({ state }: { state: string }) {
  const s = VDC_STATES[state] ?? { label: state, tone: 'gray' as const };
  return (
    <Badge tone={s.tone} dot testId="vdc-state">
      {s.label}
    </Badge>
  );
}

const OPERATION_STATUSES: Record<string, BadgeTone> = { queued: 'blue', running: 'indigo', succeeded: 'green', failed: 'red' };

export function OperationStatusBadge({ status, progress }: { status: string; progress?: number }) {
  const label = status === 'running' && progress !== undefined ? `running ${progress}%` : status;
  return (
    <Badge tone={OPERATION_STATUSES[status] ?? 'gray'} dot pulse={status === 'running' || status === 'queued'}>
      {label}
    </Badge>
  );
}
