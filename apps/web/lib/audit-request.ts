// The audit log's view of one API request: the contract names the action (`deployVdc`) and its
// params, the answer's status gives the outcome. Bodies are never recorded (they carry passwords
// and manifests); an operation the request started is, so the log links to its steps.
import { matchOperation } from '@colo/api';
import { type AuditOutcome, type AuditTokenRef, type AuditVdc, auditTokenRef, auditVdcRef, type AuthUser, recordAudit } from '@colo/control';
import { clientIp } from './client-address';

export interface AuditedCaller {
  user: AuthUser;
  via: 'token' | 'session';
  tokenId?: string;
}

export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'ok';
  return status === 401 || status === 403 ? 'denied' : 'failed';
}

export interface PendingAudit {
  req: Request;
  caller: AuditedCaller;
  action: string;
  params: Record<string, string>;
  vdc?: AuditVdc;
  /** The token a revocation names, read before it is revoked: its name and prefix, never itself. */
  token?: AuditTokenRef;
}

/**
 * Before the handler runs: what the request is and which VDC it names, looked up now because a
 * rename or a delete changes that row.
 */
export async function beginAudit(req: Request, caller: AuditedCaller): Promise<PendingAudit> {
  const url = new URL(req.url);
  const matched = matchOperation(req.method, url.pathname);
  const params = matched?.params ?? {};
  const named = url.pathname.startsWith('/api/v1/vdcs/') ? params.name : undefined;
  const vdc = named ? await auditVdcRef(caller.user, named) : undefined;
  const action = matched?.operation.operationId ?? `${req.method} ${url.pathname}`;
  const token = action === 'revokeToken' && params.id ? await auditTokenRef(caller.user.id, params.id) : undefined;
  return { req, caller, action, params, vdc, token };
}

export async function finishAudit(pending: PendingAudit, res: Response): Promise<void> {
  const { req, caller, params } = pending;
  const url = new URL(req.url);
  const detail: Record<string, unknown> = { method: req.method, path: url.pathname };
  if (Object.keys(params).length > 0) detail.params = params;
  const operationId = await startedOperation(res);
  if (operationId) detail.operation = operationId;
  const token = pending.token ?? (pending.action === 'createToken' ? await createdToken(res) : undefined);
  if (token) detail.token = token;
  if (res.status >= 400) detail.error = await errorMessage(res);
  await recordAudit({
    actor: { user: caller.user, via: caller.via, tokenId: caller.tokenId, address: clientIp(req) },
    action: pending.action,
    outcome: outcomeOf(res.status),
    status: res.status,
    vdc: pending.vdc ?? (await createdVdc(res)),
    detail,
  });
}

/** The operation id of a 202 answer (`{ operation: { id } }`), read from a copy of the body. */
async function startedOperation(res: Response): Promise<string | undefined> {
  if (res.status !== 202 || !res.headers.get('content-type')?.includes('json')) return undefined;
  try {
    const body = (await res.clone().json()) as { operation?: { id?: unknown } };
    return typeof body.operation?.id === 'string' ? body.operation.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The VDC a request made (a save of a new VDC, an import): named by the 201 answer, so the
 * log of that VDC starts with its creation.
 */
async function createdVdc(res: Response): Promise<AuditVdc | undefined> {
  if (res.status !== 201 || !res.headers.get('content-type')?.includes('json')) return undefined;
  try {
    const { vdc } = (await res.clone().json()) as { vdc?: { id?: unknown; name?: unknown } };
    return typeof vdc?.id === 'string' && typeof vdc.name === 'string' ? { id: vdc.id, name: vdc.name } : undefined;
  } catch {
    return undefined;
  }
}

/** The record of a token just made (`{ info: { id, name, prefix, scope } }`), without the token itself. */
async function createdToken(res: Response): Promise<AuditTokenRef | undefined> {
  if (res.status !== 201) return undefined;
  try {
    const { info } = (await res.clone().json()) as { info?: Partial<Record<keyof AuditTokenRef, unknown>> };
    if (typeof info?.id !== 'string' || typeof info.name !== 'string') return undefined;
    return { id: info.id, name: info.name.slice(0, 200), prefix: String(info.prefix ?? ''), scope: String(info.scope ?? '') };
  } catch {
    return undefined;
  }
}

async function errorMessage(res: Response): Promise<string | undefined> {
  if (!res.headers.get('content-type')?.includes('json')) return undefined;
  try {
    const body = (await res.clone().json()) as { error?: { message?: unknown } };
    const message = body.error?.message;
    return typeof message === 'string' ? message.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sign-in and first-run setup: public routes, so the caller is known only by the email it
 * gave; a refused attempt is recorded under that email with no user id.
 */
export async function auditSignIn(req: Request, action: 'signIn' | 'setupFirstAdmin', email: string, user: AuthUser | null, status: number, error?: string): Promise<void> {
  await recordAudit({
    actor: { user: user ?? { id: '', email: email.slice(0, 320), name: '' }, via: 'session', address: clientIp(req) },
    action,
    outcome: outcomeOf(status),
    status,
    detail: error ? { error: error.slice(0, 500) } : undefined,
  });
}
