// Who may use an assembly, as a pill: private (its owner), shared (chosen users), published (everyone).
import { Badge, type BadgeTone } from '../ui/badge';
import type { AssemblyVisibility } from './types';

const LOOK: Record<AssemblyVisibility, { tone: BadgeTone; label: string }> = {
  private: { tone: 'gray', label: 'Private' },
  shared: { tone: 'blue', label: 'Shared' },
  published: { tone: 'green', label: 'Published' },
};

export function VisibilityBadge({ visibility, testId }: { visibility: AssemblyVisibility; testId?: string }) {
  const look = LOOK[visibility];
  return (
    <Badge tone={look.tone} dot testId={testId}>
      {look.label}
    </Badge>
  );
}
