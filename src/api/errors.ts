// The API's one error shape, `{ error: { code, message } }`, and which requests are the API's.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable codes a tool may branch on; the message says the same for the person reading it. */
export const API_ERROR_CODES = ['bad_request', 'unauthorized', 'forbidden', 'not_found', 'payload_too_large', 'rate_limited', 'unavailable', 'server_error'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const API_PREFIX = '/api/';

/** Whether a request is the API's: it answers JSON, and cookies never sign it in. */
export const isApiPath = (path: string) => path.startsWith(API_PREFIX) || path === '/api';

export function apiError(c: Context, status: ContentfulStatusCode, code: ApiErrorCode, message: string, headers: Record<string, string> = {}) {
  return c.json({ error: { code, message } }, status, headers);
}

/** 401: no token, or one that does not work. RFC 6750 names the scheme (and, for a bad token, why) in WWW-Authenticate. */
export function unauthorized(c: Context, presented: boolean) {
  const message = presented
    ? 'The token is unknown or revoked, or its owner was deactivated.'
    : 'Send a personal access token as "Authorization: Bearer <token>" (make one on your profile page). Cookies do not sign in to the API.';
  return apiError(c, 401, 'unauthorized', message, { 'WWW-Authenticate': presented ? 'Bearer realm="pairwise", error="invalid_token"' : 'Bearer realm="pairwise"' });
}

/** The same words for a record that does not exist and one outside the token's reach: a guessed id learns nothing. */
const NOT_FOUND = 'No such resource, or it is outside what the token may read.';

export const forbiddenJson = (c: Context) => apiError(c, 403, 'forbidden', "The token's owner may not read this.");
export const notFoundJson = (c: Context) => apiError(c, 404, 'not_found', NOT_FOUND);
export const notFoundError = () => apiFailure(404, 'not_found', NOT_FOUND);

/** Thrown by a handler: the app's error handler answers it as it is (an HTTPException carries its response). */
export function apiFailure(status: ContentfulStatusCode, code: ApiErrorCode, message: string): HTTPException {
  const res = new Response(JSON.stringify({ error: { code, message } }), { status, headers: { 'Content-Type': 'application/json' } });
  return new HTTPException(status, { res, message });
}
