// First run: while no user exists, whoever opens the web app creates the admin. Exactly once,
// even when two browsers submit the setup form at the same moment.
import { getPrisma } from '@colo/db';
import { ColoError } from '../errors';
import { newId } from '../ids';
import { createPersonalTeam } from '../teams/personal-team';
import type { AuthUser } from './api-tokens';
import { hashPassword } from './password';
import { normaliseEmail } from './users';

export const MIN_PASSWORD_LENGTH = 10;
// scrypt cost grows with input; a passphrase never needs more.
export const MAX_PASSWORD_LENGTH = 1024;
// Any constant works: it only has to be the same for every process that runs setup.
const SETUP_LOCK_KEY = 0x636f6c6f;

export async function hasAnyUser(): Promise<boolean> {
  return (await getPrisma().user.findFirst({ select: { id: true } })) !== null;
}

export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ColoError('bad_request', `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new ColoError('bad_request', `a password may have at most ${MAX_PASSWORD_LENGTH} characters`);
  }
}

function alreadySetUp(): ColoError {
  return new ColoError('already_set_up', 'Colo is already set up: sign in instead');
}

export async function setupFirstAdmin(input: { email: string; name: string; password: string }): Promise<AuthUser> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new ColoError('bad_request', 'a name needs 1 to 100 characters');
  checkNewPassword(input.password);
  // Cheap refusal before the deliberately slow hash.
  if (await hasAnyUser()) throw alreadySetUp();
  const passwordHash = await hashPassword(input.password);
  return getPrisma().$transaction(async (tx) => {
    // Serialises concurrent setups: the second one waits here, then sees the first one's user.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`;
    if (await tx.user.findFirst({ select: { id: true } })) throw alreadySetUp();
    const user = await tx.user.create({ data: { id: newId('usr'), email, name, passwordHash, role: 'admin' } });
    await createPersonalTeam(tx, user);
    return { id: user.id, email: user.email, name: user.name };
  });
}
