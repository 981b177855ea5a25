// Web sign-in as one step: the rate limit, the password check and a new session, so the HTTP
// route cannot forget one of them.
import { isColoError } from '../errors';
import type { AuthUser } from './api-tokens';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits, loginSucceeded, returnLoginAttempt, takeLoginAttempt } from './login-rate-limit';
import { createSession } from './sessions';
import { signIn } from './users';

export interface LogInResult {
  user: AuthUser;
  session: { token: string; expiresAt: Date };
}

export async function logIn(
  input: { email: string; password: string; ip?: string },
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
): Promise<LogInResult> {
  const attempt = { email: input.email, ip: input.ip };
  // Counted before the password is checked, so a locked-out guesser learns nothing from the answer.
  await takeLoginAttempt(attempt, limits);
  let user: AuthUser;
  try {
    user = await signIn(input.email, input.password);
  } catch (err) {
    // A wrong password stays counted; a database hiccup is not the user's guess.
    if (!isColoError(err, 'unauthorized')) await returnLoginAttempt(attempt).catch(() => {});
    throw err;
  }
  await loginSucceeded(attempt);
  return { user, session: await createSession(user.id) };
}
