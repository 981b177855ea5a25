import { json, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route(async ({ user }) => json({ user: { id: user.id, email: user.email, name: user.name } }));
