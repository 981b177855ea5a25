import { listApiTokens } from '@colo/control';
import type { Metadata } from 'next';
import { requireUser } from '../../../../lib/session';
import { type TokenRow, TokensPanel } from './tokens-panel';

export const metadata: Metadata = { title: 'API tokens · Colo' };

export default async function TokensPage() {
  const user = await requireUser();
  const tokens = JSON.parse(JSON.stringify(await listApiTokens(user.id))) as TokenRow[];
  return <TokensPanel initial={tokens} />;
}
