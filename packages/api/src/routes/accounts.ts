// Signing in, the caller, API tokens, users and quotas.
import { defineOperation as op } from '../operation';
import { tokenParams, userParams } from '../params';
import { loginBody, meSchema, quotaBody, setupBody, signedInSchema, tokenBody, tokenCreatedSchema, tokensSchema, userQuotaSchema, usersSchema } from '../schemas/accounts';

export const accountOperations = [
  op({
    method: 'POST', path: '/api/v1/auth/setup', operationId: 'setup', tag: 'Auth', auth: 'public',
    summary: 'First run only: creates the admin and signs them in (a session cookie)', body: setupBody,
    responses: { 201: { description: 'the admin; Set-Cookie carries the session', json: signedInSchema } },
    errors: ['already_set_up', 'forbidden', 'rate_limited'],
  }),
  op({
    method: 'POST', path: '/api/v1/auth/login', operationId: 'login', tag: 'Auth', auth: 'public',
    summary: 'Signs in with email and password (a session cookie)', body: loginBody,
    responses: { 200: { description: 'the user; Set-Cookie carries the session', json: signedInSchema } },
    errors: ['unauthorized', 'forbidden', 'rate_limited'],
  }),
  op({
    method: 'POST', path: '/api/v1/auth/logout', operationId: 'logout', tag: 'Auth', auth: 'session-or-token', scope: 'read',
    summary: "Ends the browser session (a bearer token is revoked on the tokens page instead)",
    responses: { 204: { description: 'signed out; the cookie is cleared' } }, errors: [],
  }),
  op({
    method: 'GET', path: '/api/v1/me', operationId: 'me', tag: 'Account', auth: 'session-or-token',
    summary: 'Who the caller is (with their role) and their quota: limits and usage',
    responses: { 200: { description: 'the user and their quota', json: meSchema } }, errors: [],
  }),
  op({
    method: 'GET', path: '/api/v1/tokens', operationId: 'listTokens', tag: 'Account', auth: 'session-or-token', scope: 'admin',
    summary: "The caller's API tokens (never the tokens themselves)",
    responses: { 200: { description: 'the tokens', json: tokensSchema } }, errors: [],
  }),
  op({
    method: 'POST', path: '/api/v1/tokens', operationId: 'createToken', tag: 'Account', auth: 'session-or-token', scope: 'admin',
    summary: 'Makes an API token (`deploy` scope unless told); the token is in this answer only', body: tokenBody,
    responses: { 201: { description: 'the token and its record', json: tokenCreatedSchema } }, errors: [],
  }),
  op({
    method: 'DELETE', path: '/api/v1/tokens/{id}', operationId: 'revokeToken', tag: 'Account', auth: 'session-or-token', scope: 'admin',
    summary: "Revokes one of the caller's tokens and closes the terminals it opened", params: tokenParams,
    responses: { 204: { description: 'revoked' } }, errors: ['not_found'],
  }),
  op({
    method: 'GET', path: '/api/v1/users', operationId: 'listUsers', tag: 'Account', auth: 'session-or-token', scope: 'admin',
    summary: 'Admins only: every user with their role',
    responses: { 200: { description: 'the users', json: usersSchema } }, errors: [],
  }),
  op({
    method: 'GET', path: '/api/v1/users/{id}/quota', operationId: 'getUserQuota', tag: 'Account', auth: 'session-or-token',
    summary: "A user's quota: limits, usage and the admin's overrides (one's own, or anyone's for an admin)", params: userParams,
    responses: { 200: { description: 'the user and their quota', json: userQuotaSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'PUT', path: '/api/v1/users/{id}/quota', operationId: 'setUserQuota', tag: 'Account', auth: 'session-or-token', scope: 'admin',
    summary: "Admins only: sets each key given (`null`: back to the installation's default)", params: userParams, body: quotaBody,
    responses: { 200: { description: 'the user and their quota', json: userQuotaSchema } }, errors: ['not_found'],
  }),
];
