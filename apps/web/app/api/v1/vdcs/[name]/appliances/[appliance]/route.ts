import { applianceDetail } from '@colo/control';
import { json, route } from '../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string; appliance: string }>(async ({ user, params }) =>
  json(await applianceDetail(user, params.name, params.appliance)),
);
