import { previewInvite } from '@colo/control';
import { json, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ token: string }>(async ({ params }) => json(await previewInvite(params.token)));
