// Brute-force brake for web sign-in: attempts counted in Redis, in fixed windows, per email *from
// one address* and per address. A flood of guesses at an email from one place slows that place
// only: the owner signing in from anywhere else is not locked out. An address guessing at many
// emails is slowed by its own counter. Redis, not Postgres, because counters must be cheap,
// atomic and expire alone.
//
// An attempt is counted *before* the password is checked, so a burst of parallel guesses cannot
// all slip past a check-then-count gap; a good password then gives its attempt back.
import { Redis } from 'ioredis';
import { controlEnv } from '../config';
import { ColoError } from '../errors';
import { redisConnection } from '../operations/queue';

export interface LoginLimits {
  /** Failed attempts allowed per email (from one address) per window; the next one is refused. */
  maxFailures: number;
  /** Failed attempts allowed per address, at any emails (an office behind one NAT shares it). */
  maxAddressFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxFailures: 10, maxAddressFailures: 50, windowMs: 15 * 60_000 };

export interface LoginAttempt {
  email: string;
  /**
   * Client address as the web edge saw it. Undefined when it cannot be known (no trusted proxy,
   * no socket address): then the email is counted alone, whatever the address.
   */
  ip?: string;
}

const holder = globalThis as typeof globalThis & { __coloLimiterRedis?: Redis };

function redis(): Redis {
  if (!holder.__coloLimiterRedis) {
    // Fail a command after a short wait instead of hanging sign-in while Redis is away (the
    // queue's connection waits forever on purpose; sign-in must not).
    const client = new Redis({ ...redisConnection(), maxRetriesPerRequest: 2 });
    // Commands reject on their own when Redis is down; the event would only repeat that in the log.
    client.on('error', () => {});
    holder.__coloLimiterRedis = client;
  }
  return holder.__coloLimiterRedis;
}

export async function closeLoginRateLimit(): Promise<void> {
  const client = holder.__coloLimiterRedis;
  holder.__coloLimiterRedis = undefined;
  await client?.quit().catch(() => client.disconnect());
}

function prefix(): string {
  // The instance in the key keeps installations (and parallel test runs) sharing a Redis apart.
  return `colo:${controlEnv().COLO_INSTANCE}:login-failures`;
}

/** The email as tried from this address (the address is part of the key when known). */
function accountKey(attempt: LoginAttempt): string {
  const email = attempt.email.trim().toLowerCase();
  return attempt.ip ? `${prefix()}:email-from:${attempt.ip}:${email}` : `${prefix()}:email:${email}`;
}

function ipKey(attempt: LoginAttempt): string | undefined {
  return attempt.ip ? `${prefix()}:ip:${attempt.ip}` : undefined;
}

function keys(attempt: LoginAttempt): string[] {
  const ip = ipKey(attempt);
  return ip ? [accountKey(attempt), ip] : [accountKey(attempt)];
}

function limitsOf(attempt: LoginAttempt, limits: LoginLimits): number[] {
  return attempt.ip ? [limits.maxFailures, limits.maxAddressFailures] : [limits.maxFailures];
}

function limited(retryAfterMs: number): ColoError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const minutes = Math.ceil(retryAfter / 60);
  return new ColoError('rate_limited', `too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {
    retryAfter,
  });
}

/**
 * Counts one attempt against the email (from this address) and the address; throws `rate_limited` (with `retryAfter`
 * seconds) when either is over its limit. Call before checking the password.
 */
export async function takeLoginAttempt(attempt: LoginAttempt, limits: LoginLimits = DEFAULT_LOGIN_LIMITS): Promise<void> {
  const tx = redis().multi();
  for (const key of keys(attempt)) {
    // The window starts at the first attempt and later ones do not push it back (INCR keeps
    // the expiry); SET NX rather than PEXPIRE NX so Redis older than 7 works too.
    tx.set(key, 0, 'PX', limits.windowMs, 'NX');
    tx.incr(key);
    tx.pttl(key);
  }
  const replies = (await tx.exec()) ?? [];
  const max = limitsOf(attempt, limits);
  let wait = 0;
  for (let i = 0; i < replies.length; i += 3) {
    const [incrErr, count] = replies[i + 1];
    const [, ttl] = replies[i + 2];
    if (incrErr) throw incrErr;
    if (Number(count) > max[i / 3]) wait = Math.max(wait, Number(ttl) > 0 ? Number(ttl) : limits.windowMs);
  }
  if (wait > 0) throw limited(wait);
}

// DECR only a live counter: on an expired key it would create a "-1" that never expires.
const GIVE_BACK = `for _, k in ipairs(KEYS) do if redis.call('EXISTS', k) == 1 then redis.call('DECR', k) end end return 0`;

/** The password was right: the account's count starts over; the address gets its attempt back
 * but keeps earlier failures, so one known account cannot wipe the record of guesses at others. */
export async function loginSucceeded(attempt: LoginAttempt): Promise<void> {
  const client = redis();
  await client.del(accountKey(attempt));
  const ip = ipKey(attempt);
  if (ip) await client.eval(GIVE_BACK, 1, ip);
}

/** The attempt never reached a verdict (database down): it does not count. */
export async function returnLoginAttempt(attempt: LoginAttempt): Promise<void> {
  const list = keys(attempt);
  await redis().eval(GIVE_BACK, list.length, ...list);
}
