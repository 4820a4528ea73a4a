// What every API route declares besides its own answer: the error answers, in the OpenAPI document and in the handler's types.
import type { z } from '@hono/zod-openapi';
import { apiErrorSchema } from './schemas.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: apiErrorSchema } } });

/** The answers any route may give besides its own: bad parameters, no or a bad token, not allowed, too many requests. */
export const ERRORS = {
  400: error('A query parameter is malformed, out of range or unknown; the message names it.'),
  401: error('No token, or one that does not work: unknown, revoked, or its owner was deactivated.'),
  403: error("The token's owner may not read this (a partner reads only their own team's deals)."),
  429: error('Too many requests with this token in the last minute; wait the seconds Retry-After gives.'),
} as const;

/** A route reading one record: it may not exist, or lie outside what the token may read (the same answer for both). */
export const NOT_FOUND = { 404: error('No such record, or it is outside what the token may read.') } as const;

/** The one success answer of a route. */
export const ok = <S extends z.ZodType>(schema: S, description: string): { 200: { description: string; content: { 'application/json': { schema: S } } } } => ({
  200: { description, content: { 'application/json': { schema } } },
});
