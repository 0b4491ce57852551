/**
 * The PostgreSQL schema, one numbered step at a time, recorded in `schema_migrations`. Laid out
 * for Citus: every table that holds a customer's data carries `account_id` first in its key, so it
 * can be distributed and colocated on it; tables the whole vendor shares (sources and keys, model
 * versions, webhooks) are reference tables. `citus` holds the distribution statements, run only
 * where the `citus` extension is installed; on plain PostgreSQL the same tables are ordinary.
 */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
  citus?: string;
}

export const postgresMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'sources and their write keys (vendor-wide: reference tables)',
    sql: `
  CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
  );
  CREATE TABLE write_keys (
    id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources (id),
    key_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
  );
  CREATE INDEX write_keys_by_source ON write_keys (source_id, created_at);
  `,
    citus: `
  SELECT create_reference_table('sources');
  SELECT create_reference_table('write_keys');
  `,
  },
  {
    version: 2,
    name: "customers' journeys (per account: distributed on account_id)",
    sql: `
  CREATE TABLE journey_events (
    account_id TEXT NOT NULL,
    id BIGINT GENERATED ALWAYS AS IDENTITY,
    user_id TEXT NOT NULL,
    type TEXT NOT NULL,
    happened_at TIMESTAMPTZ NOT NULL,
    detail TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  CREATE INDEX journey_events_by_time ON journey_events (account_id, happened_at, id);
  CREATE INDEX journey_events_to_prune ON journey_events (happened_at);
  `,
    citus: `
  SELECT create_distributed_table('journey_events', 'account_id');
  `,
  },
  {
    version: 3,
    name: 'offers shown and what customers did with them (per account)',
    sql: `
  CREATE TABLE offer_decisions (
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    offer_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    projected TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  CREATE TABLE offer_reactions (
    account_id TEXT NOT NULL,
    id BIGINT GENERATED ALWAYS AS IDENTITY,
    decision_id TEXT NOT NULL,
    offer_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT,
    reacted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  CREATE INDEX offer_reactions_by_time ON offer_reactions (account_id, reacted_at, id);
  `,
    citus: `
  SELECT create_distributed_table('offer_decisions', 'account_id');
  SELECT create_distributed_table('offer_reactions', 'account_id', colocate_with => 'offer_decisions');
  `,
  },
  {
    version: 4,
    name: 'saved plans per account, and how many each account keeps',
    sql: `
  CREATE TABLE scenarios (
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    plan TEXT NOT NULL,
    shared BOOLEAN NOT NULL,
    made TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    from_rep TEXT,
    PRIMARY KEY (account_id, id)
  );
  -- The account's count, one row locked by whoever adds or removes a plan: the limit holds with
  -- any number of service processes, and on Citus it is a single-shard transaction.
  CREATE TABLE scenario_counts (
    account_id TEXT PRIMARY KEY,
    plans INTEGER NOT NULL CHECK (plans >= 0)
  );
  `,
    citus: `
  SELECT create_distributed_table('scenarios', 'account_id');
  SELECT create_distributed_table('scenario_counts', 'account_id', colocate_with => 'scenarios');
  `,
  },
  {
    version: 5,
    name: 'hand-offs, their replies and the webhook events they owe (per account)',
    sql: `
  CREATE TABLE handoffs (
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    asked_by TEXT NOT NULL,
    status TEXT NOT NULL,
    topic_kind TEXT NOT NULL,
    topic_ref TEXT,
    topic_label TEXT NOT NULL,
    message TEXT NOT NULL,
    channel TEXT NOT NULL,
    timing TEXT,
    brief TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  CREATE INDEX handoffs_by_asker ON handoffs (account_id, asked_by, created_at);
  CREATE INDEX handoffs_newest ON handoffs (created_at DESC, id DESC);
  -- A signed link or a rep names a hand-off by id alone (a fan-out query under Citus).
  CREATE INDEX handoffs_by_id ON handoffs (id);
  -- One row per person who asked, locked by each new hand-off of theirs: the hourly limit holds
  -- with any number of service processes.
  CREATE TABLE handoff_askers (
    account_id TEXT NOT NULL,
    asked_by TEXT NOT NULL,
    PRIMARY KEY (account_id, asked_by)
  );
  CREATE TABLE handoff_replies (
    account_id TEXT NOT NULL,
    handoff_id TEXT NOT NULL,
    id TEXT NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    rep_id TEXT NOT NULL,
    rep_name TEXT NOT NULL,
    message TEXT NOT NULL,
    scenario_id TEXT,
    scenario_name TEXT,
    PRIMARY KEY (account_id, id)
  );
  CREATE INDEX handoff_replies_by_handoff ON handoff_replies (account_id, handoff_id);
  CREATE TABLE handoff_events (
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    handoff_id TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  CREATE INDEX handoff_events_oldest ON handoff_events (created_at, id);
  `,
    citus: `
  SELECT create_distributed_table('handoffs', 'account_id');
  SELECT create_distributed_table('handoff_askers', 'account_id', colocate_with => 'handoffs');
  SELECT create_distributed_table('handoff_replies', 'account_id', colocate_with => 'handoffs');
  SELECT create_distributed_table('handoff_events', 'account_id', colocate_with => 'handoffs');
  `,
  },
  {
    version: 6,
    name: "the vendor's webhook endpoints and their outbox (vendor-wide: reference tables)",
    sql: `
  CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    description TEXT,
    secret TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    disabled_at TIMESTAMPTZ,
    disabled_reason TEXT,
    failing_since TIMESTAMPTZ
  );
  CREATE TABLE webhook_deliveries (
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    -- Order of enqueueing, for the newest-first listing of deliveries made at the same time.
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMPTZ,
    status TEXT NOT NULL,
    last_status_code INTEGER,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    delivered_at TIMESTAMPTZ,
    PRIMARY KEY (endpoint_id, id)
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, created_at, id)
    WHERE status IN ('pending', 'failed');
  CREATE INDEX webhook_deliveries_newest ON webhook_deliveries (endpoint_id, created_at DESC, seq DESC);
  `,
    citus: `
  SELECT create_reference_table('webhook_endpoints');
  SELECT create_reference_table('webhook_deliveries');
  `,
  },
  {
    version: 7,
    name: 'telemetry: events (per account), message ids, quarantine, inventory rollups, traits',
    sql: `
  -- One number per commit of events: the value facts roll commits in by it (see value_pending).
  CREATE SEQUENCE ingest_commits;
  CREATE TABLE events (
    -- '' for an event without an account: the column a sharded database distributes on holds no NULL.
    account_id TEXT NOT NULL,
    commit_id BIGINT NOT NULL,
    source_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    message_id_assigned BOOLEAN NOT NULL,
    type TEXT NOT NULL,
    name TEXT,
    user_id TEXT,
    anonymous_id TEXT,
    properties JSONB NOT NULL,
    context TEXT,
    client_timestamp TIMESTAMPTZ,
    sent_at TIMESTAMPTZ,
    received_at TIMESTAMPTZ NOT NULL,
    event_time TIMESTAMPTZ NOT NULL,
    clock_flag TEXT
  );
  CREATE INDEX events_by_commit ON events (commit_id);
  CREATE INDEX events_by_time ON events (event_time);
  -- Message ids seen, as the first 16 bytes of SHA-256 of source id and message id: the primary
  -- key is what makes an event count once, whichever process commits it.
  CREATE TABLE message_ids (
    digest BYTEA PRIMARY KEY,
    first_seen TIMESTAMPTZ NOT NULL
  );
  CREATE INDEX message_ids_to_prune ON message_ids (first_seen);
  CREATE TABLE quarantine (
    source_id TEXT NOT NULL,
    id TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    path TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (source_id, id)
  );
  CREATE INDEX quarantine_newest ON quarantine (received_at DESC, id);
  -- Appended by commits (no row two writers wait for), folded per source and day by compaction.
  CREATE TABLE ingest_counters (
    source_id TEXT NOT NULL,
    day DATE NOT NULL,
    duplicates BIGINT NOT NULL
  );
  CREATE INDEX ingest_counters_by_source ON ingest_counters (source_id, day);
  CREATE TABLE inventory_property_deltas (
    source_id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    occurrences BIGINT NOT NULL
  );
  CREATE TABLE inventory_properties (
    source_id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    occurrences BIGINT NOT NULL,
    PRIMARY KEY (source_id, type, name, key, kind)
  );
  CREATE TABLE user_traits (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    observed_at TIMESTAMPTZ NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, key)
  );
  CREATE TABLE account_traits (
    account_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    observed_at TIMESTAMPTZ NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, key)
  );
  CREATE INDEX account_traits_by_key ON account_traits (key);
  CREATE TABLE account_users (
    account_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, user_id)
  );
  CREATE INDEX account_users_by_user ON account_users (user_id);
  `,
    citus: `
  SELECT create_distributed_table('events', 'account_id');
  SELECT create_distributed_table('account_traits', 'account_id', colocate_with => 'events');
  SELECT create_distributed_table('account_users', 'account_id', colocate_with => 'events');
  SELECT create_distributed_table('message_ids', 'digest');
  SELECT create_distributed_table('user_traits', 'user_id');
  SELECT create_distributed_table('quarantine', 'source_id');
  SELECT create_distributed_table('ingest_counters', 'source_id', colocate_with => 'quarantine');
  SELECT create_distributed_table('inventory_property_deltas', 'source_id', colocate_with => 'quarantine');
  SELECT create_distributed_table('inventory_properties', 'source_id', colocate_with => 'quarantine');
  `,
  },
  {
    version: 8,
    name: 'value: model versions, promises, assumption changes, facts and the commits they wait for',
    sql: `
  CREATE TABLE value_models (
    version INTEGER PRIMARY KEY,
    model TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
  );
  CREATE TABLE account_promises (
    account_id TEXT PRIMARY KEY,
    promises TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
  );
  CREATE TABLE assumption_changes (
    account_id TEXT NOT NULL,
    id BIGINT GENERATED ALWAYS AS IDENTITY,
    assumption_id TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    user_id TEXT NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  CREATE TABLE value_facts (
    account_id TEXT NOT NULL,
    driver_id TEXT NOT NULL,
    day DATE NOT NULL,
    user_id TEXT NOT NULL,
    s0 TEXT NOT NULL, s1 TEXT NOT NULL, s2 TEXT NOT NULL, s3 TEXT NOT NULL,
    s4 TEXT NOT NULL, s5 TEXT NOT NULL, s6 TEXT NOT NULL, s7 TEXT NOT NULL,
    quantity DOUBLE PRECISION NOT NULL,
    events BIGINT NOT NULL
  );
  CREATE INDEX value_facts_by_account ON value_facts (account_id, day);
  CREATE INDEX value_facts_by_user ON value_facts (user_id);
  -- Commits of events not rolled into the facts yet, one row each, written in the commit itself.
  -- A refresh deletes the rows it rolls in, in the transaction that adds their facts: commit ids
  -- come from a sequence, not in commit order across processes, so no cursor could say "up to".
  CREATE TABLE value_pending (commit_id BIGINT PRIMARY KEY);
  -- The model version the facts were derived for.
  CREATE TABLE value_cursor (
    id INTEGER PRIMARY KEY,
    model_version INTEGER NOT NULL
  );
  -- The single account each user's events without a groupId were counted for, as of the last refresh.
  CREATE TABLE value_attribution (
    user_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL
  );
  `,
    citus: `
  SELECT create_reference_table('value_models');
  SELECT create_distributed_table('account_promises', 'account_id', colocate_with => 'events');
  SELECT create_distributed_table('assumption_changes', 'account_id', colocate_with => 'events');
  SELECT create_distributed_table('value_facts', 'account_id', colocate_with => 'events');
  SELECT create_reference_table('value_pending');
  SELECT create_reference_table('value_cursor');
  SELECT create_distributed_table('value_attribution', 'user_id', colocate_with => 'user_traits');
  `,
  },
  {
    version: 9,
    name: 'moving a DuckDB file over: what has been copied, to resume from',
    sql: `
  -- One row per part of a DuckDB file that \`valueprint migrate\` copied, written in the copy's own
  -- transaction: a run that stops resumes after the last part (for events, the last seq) it finished.
  CREATE TABLE moved_parts (
    part TEXT PRIMARY KEY,
    copied BIGINT NOT NULL,
    last_seq BIGINT
  );
  `,
    citus: `
  SELECT create_reference_table('moved_parts');
  `,
  },
  {
    version: 10,
    name: 'ingest: a commit in one statement gives way when another took one of its message ids',
    sql: `
  -- Called by an ingest commit written as one statement, which assumes every message id in it is
  -- new: when fewer were claimed than it holds, it fails with this code, undoing all it wrote,
  -- and the service commits those events again the careful way (claims first, then the rest).
  CREATE FUNCTION valueprint_claimed_all(claimed BIGINT, wanted BIGINT) RETURNS BOOLEAN
  LANGUAGE plpgsql VOLATILE AS $$
  BEGIN
    IF claimed < wanted THEN
      RAISE EXCEPTION '% of % message ids were claimed already', wanted - claimed, wanted
        USING ERRCODE = 'VP409';
    END IF;
    RETURN TRUE;
  END
  $$;
  `,
  },
  {
    version: 11,
    name: 'ingest: message ids found for pruning by a BRIN index, not a B-tree each claim adds to',
    sql: `
  -- Every claim added an entry to the B-tree; the hourly prune is its only reader. Ids are claimed
  -- at the time they arrive, so the table lies in first_seen order and a BRIN index (a summary per
  -- range of pages) finds the old ones as well, at next to no cost to a claim.
  DROP INDEX message_ids_to_prune;
  CREATE INDEX message_ids_to_prune ON message_ids USING brin (first_seen);
  -- valueprint_claimed_all (migration 10) is no longer called: a commit of new ids now fails on
  -- the primary key itself. It stays for processes of the release before, while they are replaced.
  `,
  },
];
