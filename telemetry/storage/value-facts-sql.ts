/** What the value facts' SQL is the same about on every engine (DuckDB, PostgreSQL). */

/** Segment columns in value_facts; the model's segments map to them in order. */
export const SEGMENT_COLUMNS = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'] as const;

/**
 * Users who belong to exactly one account (from group calls), with that account: their events
 * without a groupId count for it. Keyed like account_users, by userId or else anonymousId.
 */
export const SINGLE_ACCOUNT_USERS = `SELECT user_id, min(account_id) AS account_id FROM account_users
      GROUP BY user_id HAVING count(*) = 1`;
