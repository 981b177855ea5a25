import { Badge } from '../ui/badge';
import { ROLE_TONE, type TeamRole } from './team-types';

export function RoleBadge({ role, testId }: { role: TeamRole; testId?: string }) {
  return (
    <Badge tone={ROLE_TONE[role] ?? 'gray'} testId={testId}>
      {role}
    </Badge>
  );
}
