import { ApiError } from '../errors.ts';

/**
 * A rep view token (an embed token carrying `rep`) lets a success manager read a customer's
 * dashboard, never act as the customer. The one guard for it: embed auth calls it on every
 * customer route, so a route added later is covered without a check of its own.
 *
 * Deny by default: a rep view reads with GET (and HEAD), and with POST only where the POST
 * computes and stores nothing. Everything else writes as the customer (journey events, hand-offs
 * and their preview, saved plans, offer feedback, assumptions) and is refused.
 */
const READS_BY_POST = new Set(['/v1/scenarios/project', '/v1/scenarios/goal-seek']);

export const READ_ONLY_MESSAGE = "a success manager's view of the account is read-only";

export function refuseRepViewWrites(
  method: string,
  path: string,
  session: { rep?: { id: string; name: string } | undefined },
): void {
  if (!session.rep) return;
  if (method === 'GET' || method === 'HEAD') return;
  if (method === 'POST' && READS_BY_POST.has(path)) return;
  throw new ApiError(403, 'read_only', READ_ONLY_MESSAGE);
}
