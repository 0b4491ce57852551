import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { parseFilter } from '../value/cut.ts';

/** The language the model's words are wanted in: the query's, else the token's. */
export function localeOf(
  c: Context<AppEnv>,
  query: { locale?: string | undefined },
): string | undefined {
  return query.locale ?? c.get('embed').locale;
}

/**
 * What a customer-facing read is for: the embed token's account (never the request's), cut by the
 * query's filter when it has one, in the reader's words.
 */
export function contextOf(
  c: Context<AppEnv>,
  query: { filter?: string | undefined; locale?: string | undefined } = {},
) {
  return c
    .get('services')
    .value.context(c.get('embed').accountId, parseFilter(query.filter), localeOf(c, query));
}
